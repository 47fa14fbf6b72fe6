import pytest
from django.test import Client

from enterprises.models import EnterpriseStatus
from portal.core.panels import _PANELS, register_panel
from tests.enterprises.conftest import make_enterprise


def url(enterprise) -> str:
    return f"/enterprises/{enterprise.pk}/"


def test_anonymous_is_sent_to_login(enterprise):
    assert Client().get(url(enterprise)).url.startswith("/accounts/login/")


def test_caseworker_sees_all_facts_offers_ratio_and_contacts(caseworker_client, enterprise):
    enterprise.offers.filter(placement_type="virksomhedspraktik").update(places_taken=1)
    response = caseworker_client.get(url(enterprise))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="h2 mb-1">Café Bro</h1>' in html
    assert enterprise.cvr in html
    assert "Virksomhedspraktik" in html and "Løntilskud" in html
    assert (
        "Rimelighedskravet tillader 2 støttede personer; 1 er i forløb nu, så der er plads til 1 mere."
        in html
    )
    assert "Mette Hansen" in html
    assert "Psykisk sårbarhed" in html
    assert "Send forslag" in html  # caseworkers suggest corrections
    assert "Redigér" not in html and "Se ændringshistorik" not in html


def test_unknown_id_is_404(caseworker_client, db):
    assert caseworker_client.get("/enterprises/999999/").status_code == 404


def test_an_archived_enterprise_is_404_for_caseworkers_but_shown_to_admins(caseworker_client, admin_client_):
    archived = make_enterprise("Lukket", status=EnterpriseStatus.ARCHIVED)
    assert caseworker_client.get(url(archived)).status_code == 404
    response = admin_client_.get(url(archived))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Genopret" in html and "Se ændringshistorik" in html
    assert "Send forslag" not in html


def test_the_detail_page_renders_registered_panels(caseworker_client, enterprise, tmp_path, settings):
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    (tmp_path / "panel.html").write_text("<section>PANEL {{ object.name }}</section>")
    saved = list(_PANELS.get("enterprise_detail", []))  # keep matching's real panels for later tests
    try:
        register_panel("enterprise_detail", "panel.html", lambda request, obj: {})
        assert "PANEL Café Bro" in caseworker_client.get(url(enterprise)).content.decode()
    finally:
        _PANELS["enterprise_detail"] = saved


def test_a_script_name_is_shown_escaped(caseworker_client):
    evil = make_enterprise("<script>alert(1)</script>", description="<img src=x onerror=alert(2)>")
    html = caseworker_client.get(url(evil)).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize("count", [1, 15])
def test_the_detail_page_runs_a_constant_number_of_queries(
    caseworker_client, caseworker, django_assert_max_num_queries, count
):
    """As the enterprise's own offers, contacts, groups, experience, history and the caseworker's own
    correction suggestions grow, the page's queries stay the same."""
    from enterprises.models import ContactPerson, CorrectionSuggestion
    from portal.core.models import ChallengeArea, PlacementType, TargetGroup

    types = list(PlacementType.objects.values_list("code", flat=True))[: min(count, 5)]
    target = make_enterprise(
        "Firma",
        offers={code: 2 for code in types},
        target_groups=list(TargetGroup.objects.values_list("code", flat=True)[:count]),
        challenge_areas=list(ChallengeArea.objects.values_list("code", flat=True)[:count]),
    )
    for i in range(count):
        ContactPerson.objects.create(enterprise=target, name=f"Kontakt {i}", is_primary=i == 0)
        CorrectionSuggestion.objects.create(enterprise=target, text=f"Ret {i}", suggested_by=caseworker)
        target.description = f"Version {i}"
        target.save()  # one more history record
    # 11: the page's own queries plus one for the caseworker's own correction suggestions.
    with django_assert_max_num_queries(11):
        response = caseworker_client.get(url(target))
    assert response.status_code == 200
    assert response.content.decode().count("Kontakt ") >= count


def test_a_fresh_figure_is_lige_nu_and_an_older_one_says_how_old(caseworker_client, enterprise):
    from datetime import timedelta

    from django.utils import timezone

    html = caseworker_client.get(url(enterprise)).content.decode()
    assert "(lige nu)" in html
    assert "0 minutter" not in html
    enterprise.offers.update(updated_at=timezone.now() - timedelta(hours=3))
    html = caseworker_client.get(url(enterprise)).content.decode().replace("\xa0", " ")
    assert "(for 3 timer siden)" in html


@pytest.mark.parametrize(("fte", "shown"), [("6", "6"), ("12.5", "12,5"), ("7.25", "7,25")])
def test_the_fte_is_shown_with_a_danish_comma_and_no_trailing_zeros(
    caseworker_client, admin_client_, fte, shown
):
    from decimal import Decimal

    target = make_enterprise("Tallet", ordinary_staff_fte=Decimal(fte))
    html = caseworker_client.get(url(target)).content.decode()
    assert f"Beregnet ud fra {shown} ordinært ansatte" in html
    form = admin_client_.get(f"/enterprises/{target.pk}/edit/").content.decode()
    assert f'name="ordinary_staff_fte" value="{shown}"' in form
