"""match_enterprises and match_citizens against the database."""

import pytest

from matching import selectors, services
from matching.candidates import match_citizens

from .conftest import make_citizen, make_enterprise, make_placement

pytestmark = pytest.mark.django_db


def test_it_ranks_enterprises_that_know_the_citizens_challenges_first(jobcenter, caseworker):
    citizen = make_citizen(
        jobcenter=jobcenter, caseworker=caseworker, challenge_areas=["misbrug"], wanted=["virksomhedspraktik"]
    )
    make_enterprise(name="Uden erfaring", postcode="8000")
    make_enterprise(name="Med erfaring", postcode="8200", challenge_areas=["misbrug"])
    result = selectors.match_enterprises(citizen=citizen)
    assert [m.enterprise.name for m in result.ranked] == ["Med erfaring", "Uden erfaring"]


def test_it_leaves_out_full_paused_far_and_wrong_type_enterprises_and_explains_why(jobcenter, caseworker):
    citizen = make_citizen(jobcenter=jobcenter, caseworker=caseworker, wanted=["virksomhedspraktik"])
    make_enterprise(name="Fuld", offers={"virksomhedspraktik": 0})
    make_enterprise(name="På pause", status="paused")
    make_enterprise(name="Kun fleksjob", offers={"fleksjob": 1})
    make_enterprise(name="Randers", postcode="8900")  # ~35 km
    make_enterprise(name="Arkiveret", status="archived")
    ok = make_enterprise(name="Ledig")
    result = selectors.match_enterprises(citizen=citizen)
    assert [m.enterprise.id for m in result.ranked] == [ok.id]

    result = selectors.match_enterprises(citizen=citizen, show_excluded=True)
    reasons = {m.enterprise.name: [c.reason for c in m.failed] for m in result.excluded}
    assert reasons["Fuld"] == ["Ingen ledige pladser"]
    assert reasons["Kun fleksjob"] == ["Tilbyder ikke virksomhedspraktik"]
    assert "Virksomheden tager ikke imod borgere lige nu (pause eller arkiveret)" in reasons["På pause"]
    assert "Arkiveret" not in reasons

    wider = selectors.match_enterprises(citizen=citizen, max_km=40)
    assert {m.enterprise.name for m in wider.ranked} == {"Ledig", "Randers"}


def test_the_track_record_counts_finished_placements_in_one_query(
    jobcenter, caseworker, django_assert_num_queries
):
    enterprise = make_enterprise(offers={"virksomhedspraktik": 5})
    for _ in range(3):
        make_placement(
            citizen=make_citizen(jobcenter=jobcenter, caseworker=caseworker),
            enterprise=enterprise,
            by=caseworker,
            status="completed",
        )
    with django_assert_num_queries(1):
        assert selectors.track_records([enterprise.pk]) == {enterprise.pk: (3, 3)}


def test_match_queries_do_not_grow_with_the_number_of_enterprises(
    jobcenter, caseworker, django_assert_max_num_queries
):
    citizen = make_citizen(jobcenter=jobcenter, caseworker=caseworker, challenge_areas=["misbrug"])
    citizen = selectors.citizens_for_matching(type(citizen).objects.filter(pk=citizen.pk)).get()
    make_enterprise(challenge_areas=["misbrug"], target_groups=["dagpenge"])
    with django_assert_max_num_queries(16) as one:
        selectors.match_enterprises(citizen=citizen, show_excluded=True)
    for _ in range(30):
        make_enterprise(challenge_areas=["misbrug"], target_groups=["dagpenge"], offers={"loentilskud": 1})
    with django_assert_max_num_queries(len(one.captured_queries)):
        result = selectors.match_enterprises(citizen=citizen, show_excluded=True)
    assert len(result.ranked) == 20


def test_candidates_are_citizens_of_the_users_own_jobcenter_only(
    jobcenter, caseworker, outsider, other_jobcenter
):
    enterprise = make_enterprise(challenge_areas=["sprogbarriere"])
    knows = make_citizen(
        jobcenter=jobcenter, caseworker=caseworker, first_name="Kendt", challenge_areas=["sprogbarriere"]
    )
    plain = make_citizen(
        jobcenter=jobcenter, caseworker=caseworker, first_name="Ukendt", challenge_areas=["misbrug"]
    )
    make_citizen(jobcenter=jobcenter, caseworker=caseworker, first_name="Langt væk", postcode="9000")
    make_citizen(jobcenter=jobcenter, caseworker=caseworker, first_name="Vil fleksjob", wanted=["fleksjob"])
    make_citizen(jobcenter=other_jobcenter, caseworker=outsider, first_name="Odense", postcode="8000")
    found = match_citizens(enterprise=enterprise, user=caseworker)
    assert [c.citizen.pk for c in found] == [knows.pk, plain.pk]
    assert found[0].match.score > found[1].match.score


def test_candidates_mark_citizens_with_an_open_placement_here(jobcenter, caseworker):
    enterprise = make_enterprise()
    citizen = make_citizen(jobcenter=jobcenter, caseworker=caseworker)
    services.placement_propose(
        citizen=citizen,
        enterprise=enterprise,
        placement_type=enterprise.offers.get().placement_type,
        by=caseworker,
        purpose="Job",
    )
    (found,) = match_citizens(enterprise=enterprise, user=caseworker)
    assert found.already_open


def test_the_pruned_ranking_equals_scoring_every_enterprise(jobcenter, caseworker, monkeypatch):
    """Fetching in pages by the SQL upper bound must give exactly the top of a full evaluation."""
    import random

    from enterprises.models import Enterprise
    from matching import rules

    rng = random.Random(7)
    areas = ["misbrug", "sprogbarriere", "psykisk_saarbarhed", "hjemloeshed", "social_isolation"]
    groups = ["dagpenge", "ressourceforloeb", "jobafklaring"]
    postcodes = ["8000", "8200", "8210", "8220", "8230", "8240", "8260", "8270", "8300", "8320", "8330"]
    for i in range(60):
        make_enterprise(
            name=f"E{i:02d}",
            postcode=rng.choice(postcodes),
            challenge_areas=rng.sample(areas, rng.randint(0, 3)),
            target_groups=rng.sample(groups, rng.randint(0, 2)),
            has_social_staff=rng.random() < 0.5,
            has_mentor=rng.random() < 0.3,
            rsv_registered=rng.random() < 0.4,
            industry_id=rng.choice(["56", "81", "47"]),
            offers={"virksomhedspraktik": {"places": 3, "hours_min": rng.choice([None, 10, 25])}},
        )
    citizen = make_citizen(
        jobcenter=jobcenter,
        caseworker=caseworker,
        challenge_areas=["misbrug", "sprogbarriere"],
        target_group_id="dagpenge",
        needs_social_support=True,
        needs_mentor=True,
        hours_per_week=20,
        industries=["56"],
    )
    citizen = selectors.citizens_for_matching(type(citizen).objects.filter(pk=citizen.pk)).get()
    monkeypatch.setattr(selectors, "POOL_PAGE", 7)
    pruned = selectors.match_enterprises(citizen=citizen, limit=10).ranked

    facts = selectors.citizen_facts(citizen)
    types = list(selectors.placement_types().values())
    every = [
        rules.evaluate(facts, e, types, {"virksomhedspraktik"}, 20)
        for e in selectors.enterprise_facts(Enterprise.objects.all())
    ]
    expected = rules.rank(every, 10)
    assert [(m.enterprise.id, m.score) for m in pruned] == [(m.enterprise.id, m.score) for m in expected]


def test_the_candidates_ranking_equals_scoring_every_eligible_citizen(jobcenter, caseworker, monkeypatch):
    """Candidates fetched in pages by the SQL upper bound are exactly the top of scoring every citizen
    of the jobcenter, and no citizen scores above its bound."""
    import random

    from citizens.models import Citizen
    from enterprises.models import Enterprise
    from matching import bounds, rules

    rng = random.Random(11)
    areas = ["misbrug", "sprogbarriere", "psykisk_saarbarhed", "hjemloeshed", "social_isolation"]
    enterprise = make_enterprise(
        postcode="8000",
        challenge_areas=["misbrug", "sprogbarriere"],
        target_groups=["dagpenge", "jobafklaring"],
        has_social_staff=True,
        industry_id="56",
        offers={"virksomhedspraktik": {"places": 3, "hours_min": 15}, "fleksjob": {"places": 1}},
    )
    postcodes = ["8000", "8200", "8210", "8220", "8230", "8240", "8260", "8270", "8300", "8320", "8900"]
    for i in range(70):
        make_citizen(
            jobcenter=jobcenter,
            caseworker=caseworker,
            last_name=f"B{i:02d}",
            postcode=rng.choice(postcodes),
            max_travel_km=rng.choice([0, 5, 10, 20, 40]),
            hours_per_week=rng.choice([None, 10, 20, 37]),
            challenge_areas=rng.sample(areas, rng.randint(0, 3)),
            target_group_id=rng.choice([None, "dagpenge", "ressourceforloeb"]),
            needs_social_support=rng.random() < 0.5,
            needs_mentor=rng.random() < 0.3,
            industries=rng.sample(["56", "81", "47"], rng.randint(0, 2)),
            wanted=rng.sample(["virksomhedspraktik", "fleksjob", "loentilskud"], rng.randint(0, 2)),
        )
    from matching import candidates

    monkeypatch.setattr(candidates, "CANDIDATE_PAGE", 7)
    pages = []
    codes_of = candidates.citizen_codes
    monkeypatch.setattr(candidates, "citizen_codes", lambda ids: pages.append(ids) or codes_of(ids))
    pruned = match_citizens(enterprise=enterprise, user=caseworker, limit=10)

    (ent,) = selectors.enterprise_facts(Enterprise.objects.filter(pk=enterprise.pk))
    all_types = selectors.placement_types()
    bound_of = dict(Citizen.objects.annotate(bound=bounds.citizen_bound(ent)).values_list("pk", "bound"))
    every = []
    for citizen in selectors.citizens_for_matching(Citizen.objects.all()):
        facts = selectors.citizen_facts(citizen)
        types = [t for code, t in all_types.items() if code in ent.offers]
        types = [t for t in types if not facts.wanted_types or t.code in facts.wanted_types]
        if types:
            match = rules.evaluate(facts, ent, types, {"virksomhedspraktik"}, facts.max_travel_km)
            if not match.excluded:
                assert match.score <= bound_of[citizen.pk] + bounds.CITIZEN_UNKNOWN_POINTS
                every.append((-match.score, match.km, citizen.last_name, citizen.pk, match.score))
    expected = [(pk, score) for *_key, pk, score in sorted(every)[:10]]
    assert len(every) > 20
    assert 2 <= len(pages) < len(every) / 7, "several pages, but not every eligible citizen"
    assert [(c.citizen.pk, c.match.score) for c in pruned] == expected


def test_a_citizen_without_recorded_challenges_ranks_below_one_whose_challenges_are_known(
    jobcenter, caseworker
):
    enterprise = make_enterprise(challenge_areas=["misbrug"])
    blank = make_citizen(jobcenter=jobcenter, caseworker=caseworker, first_name="Uden")
    known = make_citizen(
        jobcenter=jobcenter, caseworker=caseworker, first_name="Kendt", challenge_areas=["misbrug"]
    )
    unknown = make_citizen(
        jobcenter=jobcenter, caseworker=caseworker, first_name="Ukendt", challenge_areas=["hjemloeshed"]
    )
    found = match_citizens(enterprise=enterprise, user=caseworker)
    assert [c.citizen.pk for c in found] == [known.pk, blank.pk, unknown.pk]
    reasons = [check.reason for _key, check in found[1].match.components]
    assert "Borgeren har ingen registrerede udfordringer" in reasons


def test_candidate_queries_do_not_grow_with_the_number_of_citizens(
    jobcenter, caseworker, django_assert_max_num_queries
):
    enterprise = make_enterprise(challenge_areas=["misbrug"], offers={"virksomhedspraktik": 5})
    make_citizen(jobcenter=jobcenter, caseworker=caseworker, challenge_areas=["misbrug"])
    with django_assert_max_num_queries(14) as one:
        assert len(match_citizens(enterprise=enterprise, user=caseworker)) == 1
    for i in range(40):
        make_citizen(
            jobcenter=jobcenter, caseworker=caseworker, last_name=f"B{i}", challenge_areas=["misbrug"]
        )
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert len(match_citizens(enterprise=enterprise, user=caseworker)) == 20
