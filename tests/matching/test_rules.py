"""Pure rules: status machine, distance, every hard rule and every score component."""

from decimal import Decimal

import pytest

from enterprises import geo, ratio
from matching import rules, status
from matching.rules import Check, CitizenFacts, EnterpriseFacts, OfferFacts, TypeInfo

STATUSES = ["proposed", "contacted", "agreed", "active", "completed", "cancelled"]
ALLOWED = {
    ("proposed", "contacted"),
    ("proposed", "cancelled"),
    ("contacted", "agreed"),
    ("contacted", "cancelled"),
    ("agreed", "active"),
    ("agreed", "cancelled"),
    ("active", "completed"),
}
PRAKTIK = TypeInfo("virksomhedspraktik", "Virksomhedspraktik", True)
FLEKSJOB = TypeInfo("fleksjob", "Fleksjob", False)
COUNTING = {"virksomhedspraktik", "loentilskud", "skaanejob"}
AARHUS = (56.1567, 10.2108)


def enterprise(**kw) -> EnterpriseFacts:
    defaults = dict(
        id=1,
        name="Café",
        active=True,
        latitude=AARHUS[0],
        longitude=AARHUS[1],
        offers={"virksomhedspraktik": OfferFacts("virksomhedspraktik", 2, 0)},
        ordinary_staff_fte=Decimal(20),
    )
    defaults.update(kw)
    return EnterpriseFacts(**defaults)


def citizen(**kw) -> CitizenFacts:
    defaults = dict(latitude=AARHUS[0], longitude=AARHUS[1], max_travel_km=20)
    defaults.update(kw)
    return CitizenFacts(**defaults)


@pytest.mark.parametrize("from_status", STATUSES)
@pytest.mark.parametrize("to_status", STATUSES)
def test_the_status_machine_allows_exactly_the_listed_moves(from_status, to_status):
    assert status.can_move(from_status, to_status) is ((from_status, to_status) in ALLOWED)


def test_completed_and_cancelled_are_final():
    assert status.next_statuses("completed") == ()
    assert status.next_statuses("cancelled") == ()


def test_agreed_and_active_use_a_place():
    assert status.starts_using_place("contacted", "agreed")
    assert not status.starts_using_place("agreed", "active")
    assert status.stops_using_place("agreed", "cancelled")
    assert status.stops_using_place("active", "completed")
    assert not status.stops_using_place("proposed", "cancelled")


def test_default_dates_come_from_the_placement_type():
    from datetime import date

    start = date(2026, 1, 5)
    assert status.planned_end(start, 13) == date(2026, 4, 6)
    assert status.follow_up(start, 10) == date(2026, 3, 9)  # first day of week 10
    assert status.planned_end(start, None) is None
    assert status.follow_up(None, 10) is None


def test_distance_aarhus_to_odense_is_about_86_km():
    assert geo.haversine_km(*AARHUS, 55.3959, 10.3883) == pytest.approx(85.6, abs=1.5)
    assert geo.haversine_km(*AARHUS, *AARHUS) == 0


def test_the_bounding_box_contains_every_point_within_the_radius():
    min_lat, max_lat, min_lon, max_lon = geo.bounding_box(*AARHUS, 20)
    assert geo.haversine_km(min_lat, AARHUS[1], *AARHUS) == pytest.approx(20, rel=0.01)
    assert geo.haversine_km(AARHUS[0], max_lon, *AARHUS) == pytest.approx(20, rel=0.01)
    assert min_lon < AARHUS[1] < max_lon and min_lat < AARHUS[0] < max_lat


# --- hard rules --------------------------------------------------------------------------------------
def test_rule_active():
    assert rules.rule_active(enterprise()).ok
    assert not rules.rule_active(enterprise(active=False)).ok


def test_rule_offers_type():
    assert rules.rule_offers_type(enterprise(), "virksomhedspraktik", "Virksomhedspraktik").ok
    check = rules.rule_offers_type(enterprise(), "fleksjob", "Fleksjob")
    assert not check.ok and check.reason == "Tilbyder ikke fleksjob"


def test_rule_free_places():
    assert rules.rule_free_places(OfferFacts("x", 2, 1)).reason == "1 ledig plads"
    assert rules.rule_free_places(OfferFacts("x", 3, 1)).reason == "2 ledige pladser"
    assert not rules.rule_free_places(OfferFacts("x", 2, 2)).ok


def test_rule_headroom_needs_one_whole_person():
    assert rules.rule_headroom(Decimal("1"), True).ok
    assert not rules.rule_headroom(Decimal("0.5"), True).ok
    assert rules.rule_headroom(Decimal("0"), False).ok  # fleksjob: the ratio does not apply


def test_the_ratio_does_not_apply_to_fleksjob_nor_to_skaanejob_with_a_rar_dispensation():
    assert ratio.applies("virksomhedspraktik", True, False)
    assert not ratio.applies("fleksjob", False, False)
    assert ratio.applies("skaanejob", True, False)
    assert not ratio.applies("skaanejob", True, True)


def test_rule_distance():
    assert rules.rule_distance(12.34, 20).ok
    assert rules.rule_distance(12.34, 20).reason == "12,3 km (højst 20 km)"
    assert not rules.rule_distance(25, 20).ok
    assert not rules.rule_distance(None, 20).ok


def test_rule_hours_overlap():
    offer = OfferFacts("x", 1, 0, hours_min=15, hours_max=30)
    assert rules.rule_hours(20, offer, enterprise()).ok
    assert rules.rule_hours(None, offer, enterprise()).ok
    assert not rules.rule_hours(10, offer, enterprise()).ok
    assert rules.rule_hours(10, offer, enterprise(flexible_hours=True)).ok
    # The enterprise's own minimum counts when the offer has none.
    assert not rules.rule_hours(5, OfferFacts("x", 1, 0), enterprise(min_hours_per_week=8)).ok


# --- score components ---------------------------------------------------------------------------------
def test_weights_add_up_to_100_and_challenge_areas_weigh_most():
    assert sum(rules.WEIGHTS.values()) == 100
    assert max(rules.WEIGHTS, key=rules.WEIGHTS.get) == "challenge_areas"


def test_score_challenge_areas():
    c = citizen(challenge_areas=frozenset({"misbrug", "sprogbarriere"}))
    assert rules.score_challenge_areas(
        c, enterprise(challenge_areas=frozenset({"misbrug", "sprogbarriere"}))
    ) == (Check(30, "Erfaring med alle borgerens udfordringer", True))
    assert rules.score_challenge_areas(c, enterprise(challenge_areas=frozenset({"misbrug"}))).points == 15
    assert not rules.score_challenge_areas(c, enterprise()).ok


def test_a_citizen_without_recorded_challenges_gets_the_middle_not_full_challenge_points():
    """Neutral: below a citizen whose challenges the enterprise fully knows, above one it knows nothing of."""
    knows_all = enterprise(challenge_areas=frozenset({"misbrug", "sprogbarriere"}))
    none = rules.score_challenge_areas(citizen(), knows_all)
    assert none == Check(15, "Borgeren har ingen registrerede udfordringer", True, rules.NO_DATA)
    assert none == rules.score_challenge_areas(citizen(), enterprise())
    known = rules.score_challenge_areas(citizen(challenge_areas=frozenset({"misbrug"})), knows_all)
    unknown = rules.score_challenge_areas(citizen(challenge_areas=frozenset({"hjemloeshed"})), knows_all)
    assert unknown.points < none.points < known.points


def test_score_target_group():
    c = citizen(target_group="ressourceforloeb")
    assert rules.score_target_group(c, enterprise(target_groups=frozenset({"ressourceforloeb"}))).points == 10
    assert rules.score_target_group(c, enterprise()).points == 0
    assert rules.score_target_group(citizen(), enterprise()).points == 5


def test_score_support_when_the_citizen_needs_it():
    needs = citizen(needs_social_support=True, needs_mentor=True)
    assert rules.score_support(needs, enterprise(has_social_staff=True, has_job_coach=True)).points == 15
    assert rules.score_support(needs, enterprise(has_social_staff=True)).points == 7.5
    assert rules.score_support(needs, enterprise()).points == 0
    assert rules.score_support(citizen(), enterprise()).points == 15


def test_score_industry():
    c = citizen(preferred_industries=frozenset({"56"}))
    assert rules.score_industry(c, enterprise(industry="56")).points == 10
    assert rules.score_industry(c, enterprise(industry="81")).points == 0
    assert rules.score_industry(citizen(), enterprise()).points == 5


def test_score_distance_closer_is_better():
    assert rules.score_distance(0, 20).points == 15
    assert rules.score_distance(10, 20).points == 7.5
    assert rules.score_distance(20, 20).points == 0
    assert rules.score_distance(5, 20).reason == "5,0 km væk"


def test_score_hours():
    offer = OfferFacts("x", 1, 0, hours_min=10, hours_max=20)
    assert rules.score_hours(15, offer, enterprise()).points == 5
    assert rules.score_hours(30, offer, enterprise()).points == 2.5
    assert rules.score_hours(30, offer, enterprise(flexible_hours=True)).points == 5
    assert rules.score_hours(None, offer, enterprise()).points == 2.5


def test_score_rsv():
    assert rules.score_rsv(enterprise(rsv_registered=True)).points == 5
    assert rules.score_rsv(enterprise()).points == 0


def test_score_track_record_counts_from_three_finished_placements():
    assert rules.score_track_record(2, 2) == Check(
        5, "For få afsluttede forløb til at vurdere (2)", True, rules.NO_DATA
    )
    check = rules.score_track_record(4, 3)
    assert check.points == 7.5 and check.reason == "75 % af 4 afsluttede forløb endte i job eller uddannelse"
    assert not rules.score_track_record(3, 0).ok


# --- evaluate and rank ---------------------------------------------------------------------------------
def test_evaluate_scores_a_match_that_passes_every_hard_rule():
    match = rules.evaluate(citizen(), enterprise(), [PRAKTIK], COUNTING, 20)
    assert not match.excluded
    assert 0 <= match.score <= 100
    assert [key for key, _check in match.components] == list(rules.WEIGHTS)


def test_evaluate_excludes_a_full_enterprise_with_the_reason():
    full = enterprise(offers={"virksomhedspraktik": OfferFacts("virksomhedspraktik", 1, 1)})
    match = rules.evaluate(citizen(), full, [PRAKTIK], COUNTING, 20)
    assert [c.reason for c in match.failed] == ["Ingen ledige pladser"]


def test_evaluate_excludes_when_the_ratio_is_used_up():
    # 4 FTE → 1 supported person, and one placed by others already.
    small = enterprise(ordinary_staff_fte=Decimal(4), other_supported_fte=Decimal(1))
    match = rules.evaluate(citizen(), small, [PRAKTIK], COUNTING, 20)
    assert [c.reason for c in match.failed] == ["Rimelighedskravet er opbrugt"]
    # Fleksjob does not use the quota.
    flex = enterprise(
        ordinary_staff_fte=Decimal(4),
        other_supported_fte=Decimal(1),
        offers={"fleksjob": OfferFacts("fleksjob", 1, 0)},
    )
    assert not rules.evaluate(citizen(), flex, [FLEKSJOB], COUNTING, 20).excluded


def test_evaluate_excludes_far_away_and_picks_the_first_type_that_fits():
    far = enterprise(latitude=55.3959, longitude=10.3883)
    assert not rules.rule_distance(None, 1).ok
    assert (
        rules.evaluate(citizen(), far, [PRAKTIK], COUNTING, 20).failed[0].reason.endswith("borgerens 20 km")
    )
    both = enterprise(
        offers={
            "virksomhedspraktik": OfferFacts("virksomhedspraktik", 1, 1),
            "fleksjob": OfferFacts("fleksjob", 1, 0),
        }
    )
    match = rules.evaluate(citizen(), both, [PRAKTIK, FLEKSJOB], COUNTING, 20)
    assert match.placement_type == FLEKSJOB and not match.excluded


def test_rank_orders_by_score_then_distance_and_drops_excluded():
    good = rules.evaluate(citizen(), enterprise(id=1, rsv_registered=True), [PRAKTIK], COUNTING, 20)
    plain = rules.evaluate(citizen(), enterprise(id=2), [PRAKTIK], COUNTING, 20)
    full = rules.evaluate(
        citizen(),
        enterprise(id=3, offers={"virksomhedspraktik": OfferFacts("virksomhedspraktik", 0, 0)}),
        [PRAKTIK],
        COUNTING,
        20,
    )
    assert [m.enterprise.id for m in rules.rank([plain, full, good])] == [1, 2]
