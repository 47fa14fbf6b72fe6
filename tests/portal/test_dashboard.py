from datetime import timedelta

from django.utils import timezone

from enterprises.models import CorrectionSuggestion
from tests.enterprises.conftest import make_enterprise
from tests.matching.conftest import make_citizen, make_placement
from tests.matching.conftest import make_enterprise as make_offering_enterprise


def figures(response) -> dict[str, int]:
    return {str(f.label): f.count for f in response.context["figures"]}


def test_a_caseworker_sees_her_own_cases_and_what_needs_attention(caseworker_client, caseworker, colleague):
    mine = make_citizen(jobcenter=caseworker.jobcenter, caseworker=caseworker, first_name="Mette")
    make_citizen(jobcenter=colleague.jobcenter, caseworker=colleague, first_name="Kurt")
    overdue = make_placement(
        citizen=mine, enterprise=make_offering_enterprise(), by=caseworker, status="active"
    )
    overdue.follow_up_date = timezone.localdate() - timedelta(days=1)
    overdue.save()
    response = caseworker_client.get("/")
    assert figures(response) == {
        "Mine åbne sager": 1,
        "Åbne forløb": 1,
        "Overskredne opfølgninger": 1,
        "Forslag uden bevægelse i 14 dage": 0,
    }
    assert "/placements/?scope=mine&amp;flag=overdue" in response.content.decode()


def test_a_team_lead_sees_the_whole_jobcenter(team_lead_client, caseworker, colleague, outsider):
    make_citizen(jobcenter=caseworker.jobcenter, caseworker=caseworker)
    make_citizen(jobcenter=colleague.jobcenter, caseworker=colleague)
    make_citizen(jobcenter=outsider.jobcenter, caseworker=outsider)
    assert figures(team_lead_client.get("/"))["Åbne sager i jobcentret"] == 2


def test_an_admin_sees_the_register_queue(admin_client_, caseworker):
    enterprise = make_enterprise("Aldrig tjekket", last_verified_at=None)
    make_enterprise("Tjekket i dag")
    CorrectionSuggestion.objects.create(
        enterprise=enterprise, suggested_by=caseworker, text="Nyt telefonnummer"
    )
    response = admin_client_.get("/")
    assert figures(response) == {
        "Aktive virksomheder": 2,
        "Ikke verificeret i 12 måneder": 1,
        "Skal ringes op": 0,
        "Åbne rettelsesforslag": 1,
    }
    # Register health: one of two active entries verified in the last 12 months.
    assert response.context["health"]["verified_share"] == 50
    assert "Registerets sundhed" in response.content.decode()


def test_the_home_page_query_count_does_not_grow(
    caseworker_client, caseworker, django_assert_max_num_queries
):
    enterprise = make_offering_enterprise(offers={"virksomhedspraktik": 40})
    for _ in range(30):
        citizen = make_citizen(jobcenter=caseworker.jobcenter, caseworker=caseworker)
        make_placement(citizen=citizen, enterprise=enterprise, by=caseworker)
    with django_assert_max_num_queries(10):
        caseworker_client.get("/")
