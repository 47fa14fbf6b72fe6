"""Create and edit: Danish errors, nothing saved on bad input, CPR encrypted, duplicates refused."""

import pytest
from django.db import connection
from django.urls import reverse

from citizens import cpr as cprlib
from citizens.models import Citizen
from tests.citizens.conftest import CPR_MOD11_FAIL, citizen_form_data
from tests.conftest import client_for


def test_it_creates_a_case_on_the_creators_caseload(caseworker, caseworker_client):
    response = caseworker_client.post(reverse("citizens:create"), citizen_form_data())
    citizen = Citizen.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "citizens:detail", args=[citizen.pk]
    )
    assert (citizen.jobcenter, citizen.caseworker) == (caseworker.jobcenter, caseworker)
    assert citizen.cpr_masked == "150385-XXXX"
    assert citizen.birth_date.isoformat() == "1985-03-15"
    assert list(citizen.wanted_placement_types.values_list("code", flat=True)) == ["virksomhedspraktik"]
    assert citizen.consent_given and citizen.consent_method == "signed"


def test_the_cpr_digits_are_not_in_the_database_row(caseworker_client):
    caseworker_client.post(reverse("citizens:create"), citizen_form_data(cpr="150385-1234"))
    pk = Citizen.objects.get().pk
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM citizens_citizen WHERE id = %s", [pk])
        raw = " ".join(str(value) for value in cursor.fetchone())
    assert "1503851234" not in raw and "150385-1234" not in raw and "1234" not in raw.replace("12 34", "")
    assert cprlib.decrypt(Citizen.objects.get().cpr_encrypted) == "1503851234"


def test_it_rejects_an_impossible_date_and_saves_nothing(caseworker_client):
    response = caseworker_client.post(reverse("citizens:create"), citizen_form_data(cpr="300285-1234"))
    assert response.status_code == 200
    assert "CPR-nummeret indeholder ikke en gyldig dato." in response.content.decode()
    assert not Citizen.objects.exists()


def test_it_accepts_a_number_failing_modulus_11_with_a_notice(caseworker_client):
    response = caseworker_client.post(
        reverse("citizens:create"), citizen_form_data(cpr=CPR_MOD11_FAIL), follow=True
    )
    assert Citizen.objects.count() == 1
    assert "modulus 11" in response.content.decode()


def test_a_duplicate_cpr_in_the_same_jobcenter_is_refused_with_a_clear_message(caseworker_client, colleague):
    caseworker_client.post(reverse("citizens:create"), citizen_form_data(cpr="150385-1234"))
    response = client_for(colleague).post(
        reverse("citizens:create"), citizen_form_data(cpr="1503851234", first_name="Anden")
    )
    assert response.status_code == 200
    assert "Der findes allerede en sag med dette CPR-nummer i jobcentret" in response.content.decode()
    assert Citizen.objects.count() == 1


def test_the_same_cpr_in_another_jobcenter_is_allowed(caseworker_client, outsider_client):
    caseworker_client.post(reverse("citizens:create"), citizen_form_data(cpr="150385-1234"))
    response = outsider_client.post(
        reverse("citizens:create"), citizen_form_data(cpr="150385-1234", postcode="5000")
    )
    assert response.status_code == 302
    assert Citizen.objects.count() == 2
    assert Citizen.objects.values("cpr_hash").distinct().count() == 1


@pytest.mark.parametrize(
    "overrides,message",
    [
        ({"first_name": ""}, "Dette felt er påkrævet."),
        ({"postcode": "0000"}, "Ukendt postnummer."),
        ({"consent_method": None}, "Angiv hvordan samtykket er givet."),
        ({"consent_date": "2099-01-01"}, "Samtykkedatoen kan ikke ligge i fremtiden."),
        ({"hours_per_week": "60"}, "37"),
        ({"cpr": ""}, "Dette felt er påkrævet."),
    ],
)
def test_bad_input_gives_danish_field_errors_and_saves_nothing(caseworker_client, overrides, message):
    response = caseworker_client.post(reverse("citizens:create"), citizen_form_data(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Citizen.objects.exists()


def test_without_consent_the_method_and_date_are_cleared(caseworker_client):
    data = citizen_form_data(consent_given=None)
    caseworker_client.post(reverse("citizens:create"), data)
    citizen = Citizen.objects.get()
    assert (citizen.consent_given, citizen.consent_method, citizen.consent_date) == (False, "", None)


def test_names_with_script_are_escaped(caseworker_client):
    caseworker_client.post(
        reverse("citizens:create"), citizen_form_data(first_name="<script>alert(1)</script>")
    )
    citizen = Citizen.objects.get()
    for url in (reverse("citizens:detail", args=[citizen.pk]), reverse("citizens:list")):
        html = caseworker_client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_editing_keeps_the_cpr_when_the_field_is_left_empty(citizen, caseworker_client):
    old = citizen.cpr_encrypted
    data = citizen_form_data(cpr="", first_name="Mette-Marie", status="paused")
    response = caseworker_client.post(reverse("citizens:edit", args=[citizen.pk]), data)
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert (citizen.first_name, citizen.status, citizen.cpr_encrypted) == ("Mette-Marie", "paused", old)


def test_editing_can_correct_the_cpr_but_not_into_a_duplicate(
    citizen, make_citizen, caseworker, caseworker_client
):
    make_citizen(by=caseworker, cpr="010203-4444", first_name="Other")
    url = reverse("citizens:edit", args=[citizen.pk])
    response = caseworker_client.post(url, citizen_form_data(cpr="010203-4444", status="active"))
    assert "Der findes allerede en sag med dette CPR-nummer" in response.content.decode()
    response = caseworker_client.post(url, citizen_form_data(cpr="020304-5555", status="active"))
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.cpr_masked == "020304-XXXX"
    assert cprlib.decrypt(citizen.cpr_encrypted) == "0203045555"


def test_the_cpr_never_appears_in_page_titles_or_urls(caseworker_client):
    response = caseworker_client.post(reverse("citizens:create"), citizen_form_data(cpr="150385-1234"))
    assert "150385" not in response["Location"]
    citizen = Citizen.objects.get()
    response = caseworker_client.post(reverse("citizens:reveal_cpr", args=[citizen.pk]))
    html = response.content.decode()
    title = html.split("<title>")[1].split("</title>")[0]
    assert "150385-1234" in html
    assert "150385" not in title and "1234" not in title
