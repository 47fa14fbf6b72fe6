"""Enterprises near you: active, with free places, in the jobcenter's municipalities, at most six."""

from decimal import Decimal

from enterprises.models import Enterprise
from portal.flyer.selectors import enterprises_near


def test_it_lists_active_enterprises_with_free_places_in_the_jobcenters_municipalities(
    jobcenter, make_enterprise
):
    make_enterprise("Café Bryggen", types=("virksomhedspraktik", "loentilskud"))
    make_enterprise("Fuldt Hus", places=2, taken=2)
    make_enterprise("Pause Bageriet", status="paused")
    make_enterprise("Odense Cykler", municipality="461", postcode="5000")
    near = enterprises_near(jobcenter=jobcenter)
    assert [e.name for e in near] == ["Café Bryggen"]
    assert near[0].town == "Aarhus C"
    assert set(near[0].placement_types) == {"Virksomhedspraktik", "Løntilskud"}


def test_a_paused_enterprise_with_free_places_is_not_near_you(jobcenter, make_enterprise):
    make_enterprise("Pause Bageriet", status="paused", places=3)
    assert enterprises_near(jobcenter=jobcenter) == []


def test_it_shows_only_placement_types_with_free_places(jobcenter, make_enterprise):
    enterprise = make_enterprise("Café Bryggen", types=("virksomhedspraktik", "loentilskud"))
    Enterprise.objects.filter(pk=enterprise.pk).update(ordinary_staff_fte=Decimal("20"))  # room for 4
    enterprise.offers.filter(placement_type_id="loentilskud").update(places_taken=2)
    assert enterprises_near(jobcenter=jobcenter)[0].placement_types == ("Virksomhedspraktik",)


def test_it_shows_at_most_six_in_a_constant_number_of_queries(
    jobcenter, make_enterprise, django_assert_max_num_queries
):
    for number in range(8):
        make_enterprise(f"Virksomhed {number}")
    with django_assert_max_num_queries(3):
        near = enterprises_near(jobcenter=jobcenter)
    assert len(near) == 6


def test_a_user_without_jobcenter_gets_none(make_enterprise):
    make_enterprise("Café Bryggen")
    assert enterprises_near(jobcenter=None) == []


def test_it_leaves_out_enterprises_whose_rimelighedskrav_is_used_up(jobcenter, make_enterprise):
    used_up = make_enterprise("Opbrugt Kvote", types=("virksomhedspraktik", "loentilskud"))
    Enterprise.objects.filter(pk=used_up.pk).update(ordinary_staff_fte=Decimal("6"), other_supported_fte=1)
    fleksjob = make_enterprise("Fleksjob Trods Alt", types=("virksomhedspraktik", "fleksjob"))
    Enterprise.objects.filter(pk=fleksjob.pk).update(other_supported_fte=1)
    near = enterprises_near(jobcenter=jobcenter)
    assert [e.name for e in near] == ["Fleksjob Trods Alt"]
    assert near[0].placement_types == ("Fleksjob",)  # the praktik place is blocked by the ratio


def test_reading_the_published_text_never_writes(db, django_assert_num_queries):
    from portal.flyer.defaults import DEFAULT_TEXT
    from portal.flyer.models import FlyerText
    from portal.flyer.selectors import flyer_text_published

    FlyerText.objects.all().delete()
    with django_assert_num_queries(1):  # one SELECT, no INSERT
        text = flyer_text_published()
    assert text.pk is None and text.title == DEFAULT_TEXT["title"]
    assert not FlyerText.objects.exists()
