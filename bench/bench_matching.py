"""Matching at national scale: top-20 enterprises for a citizen among 20,000 enterprises, and the
candidates for an enterprise among 100,000 citizens. Reuses the citizen and enterprise bench data
(generated here through their own generators when this module runs alone)."""

import random
import time
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from bench.bench_citizens import ensure_data as ensure_citizens
from bench.bench_enterprises import generate as ensure_enterprises
from citizens.models import Citizen, CitizenStatus
from enterprises.models import Enterprise, EnterpriseStatus
from matching import selectors
from matching.models import GOOD_OUTCOMES, Outcome, Placement, PlacementEvent, PlacementStatus

HISTORY = 5_000  # finished placements, so track records and statistics have something to count
BATCH = 1_000


def ensure_history(caseworkers) -> None:
    """Completed and cancelled placements (they use no place, so `places_taken` stays true)."""
    have = Placement.objects.count()
    if have >= HISTORY:
        return
    started = time.perf_counter()
    rng = random.Random(5_005)
    enterprises = list(
        Enterprise.objects.filter(status=EnterpriseStatus.ACTIVE).values_list(
            "pk", "offers__placement_type_id"
        )
    )
    enterprises = [row for row in enterprises if row[1]]
    citizens = list(
        Citizen.objects.filter(jobcenter__users__in=caseworkers).values_list("pk", "caseworker_id")
    )
    rng.shuffle(citizens)
    outcomes = [o.value for o in Outcome]
    now = timezone.now()
    for start in range(have, HISTORY, BATCH):
        with transaction.atomic():
            placements, stories = [], []
            for citizen_id, caseworker_id in citizens[start : start + BATCH]:
                enterprise_id, type_code = rng.choice(enterprises)
                proposed = now - timedelta(days=rng.randint(60, 700))
                begun = proposed + timedelta(days=rng.randint(3, 40))
                ended = begun + timedelta(days=rng.randint(20, 120))
                completed = rng.random() < 0.8
                outcome = rng.choice(outcomes) if completed else ""
                placements.append(
                    Placement(
                        citizen_id=citizen_id,
                        enterprise_id=enterprise_id,
                        placement_type_id=type_code,
                        status=PlacementStatus.COMPLETED if completed else PlacementStatus.CANCELLED,
                        purpose="Bench",
                        start_date=begun.date() if completed else None,
                        outcome=outcome,
                        cancel_reason="" if completed else "other",
                        ended_on=ended.date(),
                        created_by_id=caseworker_id,
                        created_at=proposed,
                        status_changed_at=ended,
                    )
                )
                stories.append((proposed, begun, ended, completed, outcome, caseworker_id))
            created = Placement.objects.bulk_create(placements)
            events = []
            for placement, (proposed, begun, ended, completed, outcome, by) in zip(
                created, stories, strict=True
            ):
                events.append(
                    PlacementEvent(placement=placement, at=proposed, by_id=by, to_status="proposed")
                )
                if completed:
                    events.append(
                        PlacementEvent(
                            placement=placement, at=begun, by_id=by, from_status="agreed", to_status="active"
                        )
                    )
                    events.append(
                        PlacementEvent(
                            placement=placement,
                            at=ended,
                            by_id=by,
                            from_status="active",
                            to_status="completed",
                            outcome=outcome,
                        )
                    )
                else:
                    events.append(
                        PlacementEvent(
                            placement=placement,
                            at=ended,
                            by_id=by,
                            from_status="proposed",
                            to_status="cancelled",
                            reason="other",
                        )
                    )
            PlacementEvent.objects.bulk_create(events)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE matching_placement")
        cursor.execute("ANALYZE matching_placementevent")
    good = Placement.objects.filter(outcome__in=GOOD_OUTCOMES).count()
    print(f"   generated {HISTORY - have} placements ({good} good) in {time.perf_counter() - started:.1f} s")


def sample_citizen(user) -> Citizen:
    """An active citizen with consent, challenges and a common travel distance, in `user`'s jobcenter."""
    return (
        Citizen.objects.filter(
            jobcenter=user.jobcenter,
            status=CitizenStatus.ACTIVE,
            consent_given=True,
            max_travel_km=20,
            challenge_areas__isnull=False,
        )
        .order_by("pk")
        .first()
    )


def run(ctx) -> None:
    ensure_enterprises()
    caseworkers = ensure_citizens()
    ensure_history(caseworkers)
    # Fresh statistics, as autovacuum would keep them in production: without them PostgreSQL guesses
    # hundreds of link rows per citizen, overestimates the candidates query and JIT-compiles it.
    with connection.cursor() as cursor:
        for table in (
            "enterprises_enterprise",
            "enterprises_offer",
            "citizens_citizen_challenge_areas",
            "citizens_citizen_preferred_industries",
            "citizens_citizen_wanted_placement_types",
            "portal_postcode",
        ):
            cursor.execute(f"ANALYZE {table}")
    for user, where in ((caseworkers[1], "Aarhus"), (caseworkers[0], "København")):
        client = ctx.client_for(user)
        citizen = sample_citizen(user)
        facts = selectors.citizens_for_matching(Citizen.objects.filter(pk=citizen.pk)).get()
        ctx.time_call(
            f"matching: top-20 selector, citizen in {where}",
            lambda facts=facts: selectors.match_enterprises(citizen=facts),
            budget_ms=150,
        )
        ctx.time_request(
            f"matching: /citizens/<id>/matches/ ({where})",
            client,
            f"/citizens/{citizen.pk}/matches/",
            budget_ms=150,
        )
        ctx.time_request(
            f"matching: matches widened to 40 km + excluded ({where})",
            client,
            f"/citizens/{citizen.pk}/matches/?km=40&excluded=on",
            budget_ms=None,
            note="on request only",
        )
        enterprise = (
            Enterprise.objects.filter(
                status=EnterpriseStatus.ACTIVE, municipality__jobcenters=user.jobcenter, offers__places__gt=0
            )
            .order_by("pk")
            .first()
        )
        ctx.time_request(
            f"matching: /enterprises/<id>/candidates/ ({where})",
            client,
            f"/enterprises/{enterprise.pk}/candidates/",
            budget_ms=150,
        )
    client = ctx.client_for(caseworkers[1])
    ctx.time_request("matching: /placements/ (all in jobcenter)", client, "/placements/?scope=all&status=all")
    ctx.time_request("matching: /statistics/ (caseworker)", client, "/statistics/")
