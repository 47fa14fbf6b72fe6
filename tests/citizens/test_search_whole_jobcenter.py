"""A name search with no hit among "Mine borgere" offers the same search in the whole jobcenter."""

from django.urls import reverse

OFFER = "Søg i hele jobcentret i stedet for kun blandt dine borgere"


def test_no_hit_among_mine_offers_the_whole_jobcenter(make_citizen, colleague, caseworker_client):
    make_citizen(by=colleague, first_name="Kaj", last_name="Kollega")
    url = reverse("citizens:list")
    html = caseworker_client.get(url, {"q": "kollega"}).content.decode()
    assert OFFER in html
    assert f'href="{url}?q=kollega&amp;scope=all"' in html
    wider = caseworker_client.get(url, {"q": "kollega", "scope": "all"})
    assert [c.last_name for c in wider.context["citizens"]] == ["Kollega"]
    assert OFFER not in wider.content.decode()


def test_no_offer_when_something_was_found_or_nothing_was_searched(citizen, caseworker_client):
    url = reverse("citizens:list")
    assert OFFER not in caseworker_client.get(url, {"q": "jensen"}).content.decode()
    assert OFFER not in caseworker_client.get(url, {"status": "closed"}).content.decode()
