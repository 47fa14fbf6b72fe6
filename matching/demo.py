"""Demo placements in every status, with plausible backdated histories (seed_demo runs this last)."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from citizens.models import Citizen, CitizenStatus
from enterprises.models import Enterprise
from matching import selectors, services
from matching.models import Outcome, Placement
from portal.core.models import Jobcenter, PlacementType

PER_JOBCENTER = 14
# Target status, days since the proposal, outcome (for completed).
STORIES = [
    ("completed", 200, Outcome.ORDINARY_JOB),
    ("completed", 180, Outcome.EDUCATION),
    ("completed", 150, Outcome.NO_PROGRESS),
    ("completed", 240, Outcome.SUBSIDISED_JOB),
    ("completed", 120, Outcome.DROPPED_OUT),
    ("active", 100, None),  # follow-up (week 10) is overdue
    ("active", 40, None),
    ("active", 30, None),
    ("agreed", 20, None),
    ("contacted", 25, None),  # no move for 14 days
    ("contacted", 5, None),
    ("proposed", 3, None),
    ("proposed", 30, None),  # stale proposal
    ("cancelled", 60, None),
]
PATHS = {
    "proposed": [],
    "contacted": ["contacted"],
    "agreed": ["contacted", "agreed"],
    "active": ["contacted", "agreed", "active"],
    "completed": ["contacted", "agreed", "active", "completed"],
    "cancelled": ["contacted", "cancelled"],
}
PURPOSES = [
    "Afklaring af arbejdsevne og skånehensyn.",
    "Faste rutiner og fremmøde, med henblik på ordinære timer.",
    "Opkvalificering i køkken og kundeservice.",
    "Afprøve fysisk arbejde i kortere dage.",
    "Sprogtræning i praksis og netværk på arbejdspladsen.",
]


def seed(stdout=None) -> None:
    if Placement.objects.exists():
        if stdout:
            stdout.write("  matching: forløb findes allerede")
        return
    rng = random.Random(5)
    created = 0
    for jobcenter in Jobcenter.objects.order_by("name"):
        created += _seed_jobcenter(jobcenter, rng)
    if stdout:
        stdout.write(f"  matching: {created} forløb")


def _seed_jobcenter(jobcenter: Jobcenter, rng: random.Random) -> int:
    citizens = list(
        selectors.citizens_for_matching(
            Citizen.objects.filter(jobcenter=jobcenter, consent_given=True, postcode__isnull=False).exclude(
                status=CitizenStatus.CLOSED
            )
        ).order_by("pk")[: PER_JOBCENTER * 2]
    )
    types = {t.code: t for t in PlacementType.objects.all()}
    created = 0
    stories = iter(STORIES)
    for citizen in citizens:
        story = next(stories, None)
        if story is None:
            break
        result = selectors.match_enterprises(citizen=citizen, max_km=max(citizen.max_travel_km, 40))
        if not result.ranked:
            continue
        match = result.ranked[rng.randrange(min(3, len(result.ranked)))]
        with transaction.atomic():
            created += _tell(story, citizen, match, types, rng)
    return created


def _tell(story, citizen: Citizen, match, types, rng: random.Random) -> int:
    target, days_ago, outcome = story
    now = timezone.now()
    at = now - timedelta(days=days_ago, hours=rng.randrange(8))
    placement = services.placement_propose(
        citizen=citizen,
        enterprise=_enterprise(match),
        placement_type=types[match.placement_type.code],
        by=citizen.caseworker,
        purpose=rng.choice(PURPOSES),
        start_date=(at + timedelta(days=21)).date(),
        at=at,
    )
    for step in PATHS[target]:
        at = min(now, at + timedelta(days=rng.randint(3, 9)))
        if step == "completed":
            at = min(now, at + timedelta(days=70))
        try:
            services.placement_transition(
                placement=placement,
                to_status=step,
                by=citizen.caseworker,
                note=_note(step),
                reason="declined_by_enterprise" if step == "cancelled" else None,
                outcome=outcome if step == "completed" else None,
                start_date=at.date() if step == "active" else None,
                ended_on=timezone.localdate(at) if step == "completed" else None,
                at=at,
            )
        except services.PlacementError:
            break  # no capacity left: the story stops here, as it would in real life
    return 1


def _enterprise(match):
    return Enterprise.objects.get(pk=match.enterprise.id)


def _note(step: str) -> str:
    return {
        "contacted": "Ringet til virksomhedens kontaktperson.",
        "agreed": "Opstartsmøde aftalt med borger og virksomhed.",
        "active": "Borgeren er startet.",
        "completed": "Afsluttende samtale holdt.",
        "cancelled": "Virksomheden havde ikke tid til at tage imod alligevel.",
    }.get(step, "")
