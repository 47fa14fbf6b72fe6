"""The register list starts where the user is: nearest first from the jobcenter's postcode, with a
radius filter; name order with a notice when the jobcenter has no postcode; an unknown postcode is
a field error."""

from portal.core.models import Postcode
from tests.enterprises.conftest import make_enterprise

URL = "/enterprises/"


def names(response) -> list[str]:
    return [e.name for e in response.context["rows"]]


def places(jobcenter_postcode: str | None, jobcenter) -> None:
    jobcenter.postcode = Postcode.objects.get(number=jobcenter_postcode) if jobcenter_postcode else None
    jobcenter.save()
    make_enterprise("Nordjysk værksted", postcode="9000")
    make_enterprise("Odense café", postcode="5000")
    make_enterprise("Midtby have", postcode="8000")
    make_enterprise("Risskov køkken", postcode="8240")


def test_a_caseworker_sees_the_nearest_first(caseworker_client, jobcenter):
    places("8000", jobcenter)
    response = caseworker_client.get(URL)
    assert names(response) == ["Midtby have", "Risskov køkken", "Odense café", "Nordjysk værksted"]
    assert "nærmest 8000" in response.content.decode()


def test_the_radius_leaves_out_what_is_farther_and_counts_what_is_left(team_lead_client, jobcenter):
    places("8000", jobcenter)
    response = team_lead_client.get(URL, {"within": "10"})
    assert names(response) == ["Midtby have", "Risskov køkken"]
    assert "2 virksomheder" in response.content.decode()
    assert names(team_lead_client.get(URL, {"within": "10", "from_postcode": "5000"})) == ["Odense café"]


def test_name_order_with_a_notice_when_the_jobcenter_has_no_postcode(caseworker_client, jobcenter):
    places(None, jobcenter)
    response = caseworker_client.get(URL)
    assert names(response) == ["Midtby have", "Nordjysk værksted", "Odense café", "Risskov køkken"]
    assert "Dit jobcenter har intet postnummer" in response.content.decode()


def test_an_admin_without_a_jobcenter_gets_name_order_without_a_notice(admin_client_, jobcenter):
    places("8000", jobcenter)
    response = admin_client_.get(URL)
    assert names(response)[0] == "Midtby have"
    assert "Dit jobcenter har intet postnummer" not in response.content.decode()


def test_an_unknown_postcode_is_an_error_on_the_field(caseworker_client, jobcenter):
    places("8000", jobcenter)
    response = caseworker_client.get(URL, {"from_postcode": "0000", "within": "10"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ukendt postnummer." in html
    assert response.context["sort_form"].errors["from_postcode"]
    assert len(names(response)) == 4  # neither the radius nor the order measured from somewhere else
