"""Repeat downloads come from the shared cache; any edit of an input renders anew."""

import pytest
from django.core.cache import cache

from portal.flyer.models import FlyerText
from portal.flyer.services import flyer_contact_update, flyer_text_create, flyer_text_publish


@pytest.fixture(autouse=True)
def empty_cache(db):
    cache.clear()


def contact_data(**changes) -> dict:
    data = {
        "name": "Jobcenter Aarhus",
        "contact_person": "Tina",
        "phone": "89 40 20 00",
        "email": "jobcenter@aarhus.dk",
        "website": "",
        "logo": None,
    }
    return data | changes


def test_a_repeat_download_is_served_from_the_cache(caseworker_client, render_count):
    first = caseworker_client.get("/flyer.pdf").content
    second = caseworker_client.get("/flyer.pdf").content
    assert render_count[0] == 1
    assert first == second


def test_other_options_are_another_pdf(caseworker_client, render_count):
    caseworker_client.get("/flyer.pdf")
    caseworker_client.get("/flyer.pdf?vis=1&contact=1&near=1&qr=0")
    caseworker_client.get("/flyer.pdf?vis=1&contact=1&near=1&qr=0")
    assert render_count[0] == 2


def test_a_colleague_in_the_same_jobcenter_gets_the_cached_pdf(
    caseworker_client, team_lead_client, render_count
):
    caseworker_client.get("/flyer.pdf")
    team_lead_client.get("/flyer.pdf")
    assert render_count[0] == 1


def test_editing_the_contact_block_misses_the_cache(
    caseworker_client, team_lead, jobcenter, render_count, pdf_text
):
    flyer_contact_update(jobcenter=jobcenter, data=contact_data(), by=team_lead)
    caseworker_client.get("/flyer.pdf")
    flyer_contact_update(jobcenter=jobcenter, data=contact_data(phone="70 12 34 56"), by=team_lead)
    response = caseworker_client.get("/flyer.pdf")
    assert render_count[0] == 2
    assert "70 12 34 56" in pdf_text(response.content)


def test_publishing_a_new_text_misses_the_cache(caseworker_client, admin_user, render_count, pdf_text):
    caseworker_client.get("/flyer.pdf")
    published = FlyerText.objects.published().get()
    data = {
        name: getattr(published, name)
        for name in (
            "title",
            "intro",
            "reasons",
            "nuance_title",
            "nuance_text",
            "sparring_title",
            "sparring_text",
            "rule_title",
            "rule_text",
            "rules_as_of",
        )
    }
    data["title"] = "Seks stærke grunde til socialøkonomi"
    draft = flyer_text_create(data=data, by=admin_user)
    caseworker_client.get("/flyer.pdf")
    assert render_count[0] == 1  # a draft changes nothing for users
    flyer_text_publish(version=draft, by=admin_user)
    response = caseworker_client.get("/flyer.pdf")
    assert render_count[0] == 2
    assert "Seks stærke grunde" in pdf_text(response.content)


def test_a_new_free_place_nearby_misses_the_cache(caseworker_client, make_enterprise, render_count, pdf_text):
    caseworker_client.get("/flyer.pdf")
    make_enterprise("Café Bryggen")
    response = caseworker_client.get("/flyer.pdf")
    assert render_count[0] == 2
    assert "Café Bryggen" in pdf_text(response.content)


def test_the_date_is_part_of_the_key(caseworker):
    from datetime import date

    from portal.flyer.content import FlyerOptions, flyer_content
    from portal.flyer.pdf import cache_key

    today = flyer_content(user=caseworker, options=FlyerOptions(), on=date(2026, 11, 27))
    tomorrow = flyer_content(user=caseworker, options=FlyerOptions(), on=date(2026, 11, 28))
    assert cache_key(today) != cache_key(tomorrow)
    assert cache_key(today) == cache_key(
        flyer_content(user=caseworker, options=FlyerOptions(), on=date(2026, 11, 27))
    )
