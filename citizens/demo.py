"""Demo citizens: about 400 per demo jobcenter, deterministic (seeded), bulk-inserted and idempotent.

Also used by the benchmark (`generate_citizens`) to fill 100,000 rows quickly.
"""

import datetime
import random
from collections.abc import Callable, Sequence
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from faker import Faker

from citizens import cpr as cprlib
from citizens.models import CaseNote, Citizen, CitizenStatus, ConsentMethod, NoteKind
from portal.core.models import ChallengeArea, Industry, Jobcenter, PlacementType, Postcode, TargetGroup, User

PER_JOBCENTER = 400
# Caseworkers write notes in working hours: weekdays 08:00–16:00 local time.
LOCAL_TZ = ZoneInfo("Europe/Copenhagen")
WORKDAY_START = datetime.time(8, 0)
WORKDAY_END = datetime.time(16, 0)
DEMO_JOBCENTERS = {
    # jobcenter: [(username, share of the cases)]; most Aarhus cases on the demo caseworker.
    "Jobcenter Aarhus": [("sagsbehandler", 0.75), ("teamleder", 0.25)],
    "Jobcenter Odense": [("sagsbehandler2", 1.0)],
}
NOTE_TEXTS = [
    "Første samtale. Borgeren er motiveret for praktik med faste rammer.",
    "Telefonopfølgning: borgeren har haft en god uge og vil gerne prøve flere timer.",
    "Møde med mentor. Aftalt fokus på mødestabilitet og transport.",
    "Borgeren ønsker at arbejde med hænderne, gerne udendørs.",
    "Aflyst møde; ny tid aftalt over telefon.",
    "Drøftet skånehensyn: korte dage og en fast kontaktperson.",
    "Samtykke gennemgået med borgeren.",
]
COMPETENCES = [
    "Kan lide at lave mad og arbejde i køkken.",
    "Erfaring med lager og pakning.",
    "Interesseret i have og grønne områder.",
    "God til IT og kundeservice.",
    "Har kørekort og vil gerne køre ud.",
    "Kreativ, glad for genbrug og reparation.",
    "",
]
CONSIDERATIONS = ["", "", "Ikke tunge løft.", "Korte dage i starten.", "Rolige omgivelser.", "Faste rutiner."]


def fake_cpr(rng: random.Random, birth: datetime.date) -> str:
    """A valid-format CPR for a birth date (century digit per CPR rules; no modulus 11)."""
    century = rng.choice("0123") if birth.year < 2000 else "4"
    return f"{birth:%d%m%y}{century}{rng.randrange(1000):03d}"


def _postcodes_near(jobcenter: Jobcenter) -> tuple[list[str], list[str]]:
    codes = list(jobcenter.municipalities.values_list("code", flat=True))
    local = list(Postcode.objects.filter(municipality__in=codes).values_list("number", flat=True))
    regions = Postcode.objects.filter(municipality__in=codes).values("municipality__region")
    near = list(
        Postcode.objects.filter(municipality__region__in=regions)
        .exclude(municipality__in=codes)
        .values_list("number", flat=True)
    )
    return local or near, near or local


@transaction.atomic
def generate_citizens(
    *,
    jobcenter: Jobcenter,
    caseworkers: Sequence[tuple[User, float]],
    count: int,
    seed: int,
    notes_per_citizen: tuple[int, int] = (0, 4),
    batch_size: int = 2000,
) -> int:
    """Bulk-create `count` citizens (with notes and codes) for a jobcenter. Returns the number made."""
    rng = random.Random(seed)
    fake = Faker("da_DK")
    fake.seed_instance(seed)
    local, near = _postcodes_near(jobcenter)
    target_groups = list(TargetGroup.objects.values_list("code", flat=True))
    placement_types = list(PlacementType.objects.values_list("code", flat=True))
    challenges = list(ChallengeArea.objects.values_list("code", flat=True))
    industries = list(Industry.objects.values_list("code", flat=True))
    taken = set(Citizen.objects.filter(jobcenter=jobcenter).values_list("cpr_hash", flat=True))
    users = [u for u, _ in caseworkers]
    weights = [w for _, w in caseworkers]
    today = timezone.localdate()
    made = 0
    while made < count:
        size = min(batch_size, count - made)
        rows = []
        for _ in range(size):
            birth = datetime.date(rng.randint(1962, 2006), rng.randint(1, 12), rng.randint(1, 28))
            number = fake_cpr(rng, birth)
            digest = cprlib.lookup_hash(number)
            while digest in taken:
                number = fake_cpr(rng, birth)
                digest = cprlib.lookup_hash(number)
            taken.add(digest)
            roll = rng.random()
            status = (
                CitizenStatus.ACTIVE
                if roll < 0.75
                else CitizenStatus.PAUSED
                if roll < 0.87
                else CitizenStatus.CLOSED
            )
            consent = rng.random() < 0.85
            first = fake.first_name_female() if number[-1] in "02468" else fake.first_name_male()
            rows.append(
                Citizen(
                    jobcenter=jobcenter,
                    caseworker=rng.choices(users, weights)[0],
                    cpr_encrypted=cprlib.encrypt(number),
                    cpr_hash=digest,
                    birth_date=birth,
                    first_name=first,
                    last_name=fake.last_name(),
                    phone=f"{rng.randint(20, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
                    email="",
                    postcode_id=rng.choice(local if rng.random() < 0.85 else near),
                    target_group_id=rng.choice(target_groups) if target_groups else None,
                    status=status,
                    closed_at=today - datetime.timedelta(days=rng.randint(1, 900))
                    if status == CitizenStatus.CLOSED
                    else None,
                    closed_reason=rng.choice(["Ordinært job", "Uddannelse", "Flyttet", "Andet"])
                    if status == CitizenStatus.CLOSED
                    else "",
                    max_travel_km=rng.choice([5, 10, 15, 20, 20, 30, 40]),
                    hours_per_week=rng.choice([None, 10, 15, 20, 25, 30, 37]),
                    competences=rng.choice(COMPETENCES),
                    considerations=rng.choice(CONSIDERATIONS),
                    needs_social_support=rng.random() < 0.3,
                    needs_mentor=rng.random() < 0.25,
                    consent_given=consent,
                    consent_method=rng.choice(ConsentMethod.values) if consent else "",
                    consent_date=today - datetime.timedelta(days=rng.randint(1, 700)) if consent else None,
                )
            )
        created = Citizen.objects.bulk_create(rows, batch_size=batch_size)
        if not created or created[0].pk is None:  # backends without RETURNING: fetch the ids
            created = list(
                Citizen.objects.filter(cpr_hash__in=[c.cpr_hash for c in rows], jobcenter=jobcenter)
            )
        _bulk_codes(rng, created, placement_types, challenges, industries)
        _bulk_notes(rng, created, users, notes_per_citizen)
        made += size
    return made


def _bulk_codes(rng, citizens, placement_types, challenges, industries) -> None:
    through_pt = Citizen.wanted_placement_types.through
    through_ch = Citizen.challenge_areas.through
    through_in = Citizen.preferred_industries.through
    pts, chs, ins = [], [], []
    for c in citizens:
        pts += [
            through_pt(citizen_id=c.pk, placementtype_id=code)
            for code in rng.sample(placement_types, rng.randint(1, 2))
        ]
        chs += [
            through_ch(citizen_id=c.pk, challengearea_id=code)
            for code in rng.sample(challenges, rng.randint(0, 3))
        ]
        ins += [
            through_in(citizen_id=c.pk, industry_id=code)
            for code in rng.sample(industries, rng.randint(0, 2))
        ]
    through_pt.objects.bulk_create(pts, batch_size=5000)
    through_ch.objects.bulk_create(chs, batch_size=5000)
    through_in.objects.bulk_create(ins, batch_size=5000)


def working_hours_moments(rng: random.Random, today: datetime.date) -> Callable[[], datetime.datetime]:
    """A source of note times: a weekday in the past year, 08:00–16:00 Copenhagen time (seeded).

    Today is left out so no note lies in the future; 08:00–16:00 never meets a DST shift (02:00–03:00).
    """
    workdays = [
        day
        for day in (today - datetime.timedelta(days=n) for n in range(1, 366))
        if day.weekday() < 5  # Monday–Friday
    ]
    length = 60 * (WORKDAY_END.hour - WORKDAY_START.hour)  # minutes

    def moment() -> datetime.datetime:
        offset = datetime.timedelta(minutes=rng.randrange(length + 1))  # 16:00 itself included
        local = datetime.datetime.combine(rng.choice(workdays), WORKDAY_START) + offset
        return local.replace(tzinfo=LOCAL_TZ)

    return moment


def _bulk_notes(rng, citizens, users, notes_per_citizen) -> None:
    notes = []
    for c in citizens:
        for _ in range(rng.randint(*notes_per_citizen)):
            notes.append(
                CaseNote(
                    citizen_id=c.pk,
                    author=rng.choice(users),
                    kind=rng.choice(NoteKind.values),
                    text=rng.choice(NOTE_TEXTS),
                )
            )
    created = CaseNote.objects.bulk_create(notes, batch_size=5000)
    # Spread the timeline over the past year's working hours (auto_now_add stamps them all "now").
    moment = working_hours_moments(rng, timezone.localdate())
    for note in created:
        note.created_at = moment()
    if created and created[0].pk is not None:
        CaseNote.objects.bulk_update(created, ["created_at"], batch_size=2000)


def seed(stdout=None) -> None:
    total = 0
    for index, (name, staff) in enumerate(DEMO_JOBCENTERS.items()):
        jobcenter = Jobcenter.objects.filter(name=name).first()
        if jobcenter is None:
            continue
        users = {u.username: u for u in User.objects.filter(username__in=[s for s, _ in staff])}
        caseworkers = [(users[s], w) for s, w in staff if s in users]
        missing = PER_JOBCENTER - Citizen.objects.filter(jobcenter=jobcenter).count()
        if not caseworkers or missing <= 0:
            continue
        total += generate_citizens(
            jobcenter=jobcenter, caseworkers=caseworkers, count=missing, seed=4000 + index
        )
    if stdout:
        stdout.write(f"  citizens: {total} nye borgere")
