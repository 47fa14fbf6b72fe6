"""The change history speaks Danish: local date-times, names and labels instead of ids and codes."""

from decimal import Decimal

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from enterprises.models import Enterprise
from tests.enterprises.conftest import make_enterprise
from tests.enterprises.test_curate import form_data


def history(client, enterprise) -> str:
    response = client.get(f"/enterprises/{enterprise.pk}/history/")
    assert response.status_code == 200
    return response.content.decode()


def change(enterprise: Enterprise, by, **fields) -> None:
    for name, value in fields.items():
        setattr(enterprise, name, value)
    enterprise._history_user = by
    enterprise.save()


def test_it_shows_local_date_times_and_the_name_of_who_verified(admin_client_, admin_user, enterprise):
    admin_client_.post(f"/enterprises/{enterprise.pk}/verify/")
    enterprise.refresh_from_db()
    html = history(admin_client_, enterprise)
    local = date_format(timezone.localtime(enterprise.last_verified_at), "j. F Y H:i")
    assert f"→ {local}</li>" in html
    assert "+00:00" not in html
    assert f"<strong>verificeret af</strong>: – → {admin_user.display_name}</li>" in html


def test_it_shows_labels_not_codes(admin_client_, admin_user, enterprise):
    enterprise.target_groups.add("dagpenge")
    enterprise.challenge_areas.add("misbrug")
    change(enterprise, admin_user, industry_id="88", postcode_id="8200", ordinary_staff_fte=Decimal("12.5"))
    change(enterprise, admin_user, municipality_id="461")
    offer = enterprise.offers.get(placement_type_id="loentilskud")
    offer.placement_type_id = "skaanejob"
    offer._history_user = admin_user
    offer.save()
    html = history(admin_client_, enterprise)
    for code in ["kontanthjaelp_aktivitetsparat", "psykisk_saarbarhed", "loentilskud →", "→ 88<", "→ 461<"]:
        assert code not in html
    assert "Dagpenge" in html and "Misbrug" in html
    assert "8000 Aarhus C → 8200 Aarhus N" in html
    assert "Aarhus → Odense" in html
    assert "Løntilskud → Skånejob" in html
    assert "10 → 12,5" in html
    assert "– → 88 " in html  # the industry code with its name


@pytest.mark.parametrize("edits", [1, 20])
def test_it_runs_a_constant_number_of_queries(
    admin_client_, admin_user, django_assert_max_num_queries, edits
):
    enterprise = make_enterprise("Café Bro", offers={"virksomhedspraktik": 2})
    for number in range(edits):
        change(
            enterprise, admin_user, industry_id=f"{10 + number}", verified_by=admin_user, postcode_id="8200"
        )
        change(enterprise, admin_user, postcode_id="8000")
    with django_assert_max_num_queries(14):
        history(admin_client_, enterprise)


def test_a_contact_only_edit_shows_no_target_group_or_experience_changes(admin_client_, valid_cvr):
    assert admin_client_.post("/enterprises/new/", form_data(valid_cvr)).status_code == 302
    enterprise = Enterprise.objects.get(cvr=valid_cvr)
    offer, contact = enterprise.offers.get(), enterprise.contacts.get()
    edit = form_data(
        valid_cvr,
        **{
            "offers-INITIAL_FORMS": "1",
            "offers-0-id": str(offer.pk),
            "contacts-INITIAL_FORMS": "1",
            "contacts-0-id": str(contact.pk),
            "contacts-0-phone": "12 34 56 78",
        },
    )
    assert admin_client_.post(f"/enterprises/{enterprise.pk}/edit/", edit).status_code == 302
    html = history(admin_client_, enterprise)
    assert "<strong>telefon</strong>: – → 12 34 56 78" in html
    assert "<strong>målgrupper</strong>" not in html
    assert "<strong>erfaring med</strong>" not in html
    assert html.count("Oprettet: Virksomheden") == 1 and "Ændret: Virksomheden" not in html
