"""Demo data: about 300 realistic enterprises over Denmark (deterministic, valid CVR numbers).

Aarhus (751) and Odense (461) get a good share of active, recently verified enterprises with free
places, so the matching demo for the two demo jobcenters has something to find."""

import random
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from faker import Faker
from simple_history.utils import bulk_create_with_history

from enterprises.models import (
    ContactPerson,
    Enterprise,
    EnterpriseKind,
    EnterpriseStatus,
    Offer,
)
from portal.core.models import ChallengeArea, Postcode, TargetGroup

SEED = 20260101
COUNT = 300
HOME_MUNICIPALITIES = {"751": 45, "461": 35}  # Aarhus and Odense: active, with free places

# (industry, name patterns, description, work tasks, kinds of placement that fit)
TRADES = [
    (
        "56",
        ["Café {w}", "{w} Køkken", "Kantinen {t}"],
        "Café og frokostordning med mad fra bunden.",
        "Køkkenhjælp, opvask, servering, kasse og rengøring af caféen.",
    ),
    (
        "81",
        ["{w} Rengøring", "Rent Hjem {t}"],
        "Rengøring af kontorer, trappeopgange og private hjem.",
        "Rengøring efter faste lister, vinduespudsning og vedligehold af materiel.",
    ),
    (
        "81",
        ["Grønne Hænder {t}", "{w} Have og Park"],
        "Pleje af parker, haver og grønne områder for kommune og boligforeninger.",
        "Græsslåning, beskæring, lugning, snerydning om vinteren.",
    ),
    (
        "47",
        ["Genbrugsbutikken {t}", "{w} Genbrug"],
        "Genbrugsbutik med møbler, tøj og ting, der får et nyt liv.",
        "Sortering, prismærkning, kundebetjening, afhentning af møbler.",
    ),
    (
        "96",
        ["Vaskeriet {t}", "{w} Vask"],
        "Vaskeri for erhverv og private.",
        "Sortering, vask, strygning, foldning og levering.",
    ),
    (
        "95",
        ["Cykelværkstedet {t}", "{w} Cykler"],
        "Reparation og salg af brugte cykler.",
        "Reparation, klargøring af cykler, lager og kundeservice.",
    ),
    (
        "16",
        ["Snedkeriet {t}", "{w} Træværksted"],
        "Møbler og inventar i genbrugstræ.",
        "Slibning, samling, overfladebehandling og montering.",
    ),
    (
        "18",
        ["{w} Tryk", "Trykkeriet {t}"],
        "Tryksager, plakater og print for foreninger og virksomheder.",
        "Pakning, efterbehandling, lager og forsendelse.",
    ),
    (
        "01",
        ["{w} Gård", "Økohaven {t}"],
        "Økologisk gartneri med gårdbutik.",
        "Såning, høst, pasning af dyr, pakning af grøntsagskasser.",
    ),
    (
        "62",
        ["Testcentret {t}", "{w} Data"],
        "IT-test og databehandling med medarbejdere med autisme.",
        "Softwaretest, dataindtastning, scanning og kvalitetskontrol.",
    ),
    (
        "52",
        ["Lager og Logistik {t}", "{w} Pakkeri"],
        "Lager, pakning og forsendelse for webshops.",
        "Plukning, pakning, labelling og modtagelse af varer.",
    ),
    (
        "55",
        ["Vandrehjemmet {t}", "{w} Overnatning"],
        "Vandrehjem og konferencested.",
        "Værelsesklargøring, reception, morgenmad og vedligehold.",
    ),
]
WORDS = [
    "Bro",
    "Solsikke",
    "Kompas",
    "Fyrtårn",
    "Spire",
    "Ankerpladsen",
    "Nordlys",
    "Lærke",
    "Mosaik",
    "Trappen",
    "Havn",
    "Smedien",
    "Lindetræet",
    "Kilden",
    "Æblehaven",
    "Ørnen",
    "Åløkke",
    "Bølgen",
]
SOCIALLY_RESPONSIBLE = [
    (
        "45",
        "{w} Auto",
        "Autoværksted med lærlinge og løntilskud.",
        "Dækskift, klargøring, rengøring af biler.",
    ),
    ("41", "{w} Byg", "Tømrer- og murerfirma.", "Oprydning, materialehåndtering, hjælp til svende."),
    ("47", "{w} Supermarked", "Dagligvarebutik.", "Opfyldning, frugt og grønt, flaskeautomat."),
]
CONTACT_ROLES = ["Daglig leder", "Værkstedsleder", "Socialfaglig koordinator", "Jobkonsulent", "Indehaver"]


def cvr_numbers(rng: random.Random, count: int) -> list[str]:
    """Valid CVR numbers: 7 random digits plus the modulus-11 check digit (remainder 10 is skipped)."""
    weights = (2, 7, 6, 5, 4, 3, 2)
    numbers: list[str] = []
    seen: set[str] = set()
    while len(numbers) < count:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(6)]
        check = -sum(w * d for w, d in zip(weights, digits, strict=True)) % 11
        if check == 10:
            continue
        number = "".join(map(str, digits)) + str(check)
        if number not in seen:
            seen.add(number)
            numbers.append(number)
    return numbers


def _slug(name: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", " ": "", "&": "og"})
    return "".join(ch for ch in name.lower().translate(table) if ch.isalnum())[:30]


@transaction.atomic
def seed(stdout=None) -> None:
    rng = random.Random(SEED)
    cvrs = cvr_numbers(rng, COUNT)
    if Enterprise.objects.filter(cvr=cvrs[0]).exists():
        if stdout:
            stdout.write("  enterprises: demodata findes allerede")
        return
    fake = Faker("da_DK")
    fake.seed_instance(SEED)
    postcodes = list(Postcode.objects.order_by("number"))
    by_municipality: dict[str, list[Postcode]] = {}
    for postcode in postcodes:
        by_municipality.setdefault(postcode.municipality_id, []).append(postcode)
    areas = list(ChallengeArea.objects.values_list("code", flat=True))
    groups = list(TargetGroup.objects.values_list("code", flat=True))
    now = timezone.now()

    homes = [code for code, n in HOME_MUNICIPALITIES.items() for _ in range(n)]
    enterprises: list[Enterprise] = []
    plans = []
    for i, cvr in enumerate(cvrs):
        home = homes[i] if i < len(homes) else None
        postcode = rng.choice(by_municipality[home]) if home else rng.choice(postcodes)
        responsible = rng.random() < 0.2
        if responsible:
            industry, pattern, description, tasks = rng.choice(SOCIALLY_RESPONSIBLE)
        else:
            industry, patterns, description, tasks = rng.choice(TRADES)
            pattern = rng.choice(patterns)
        name = pattern.format(w=rng.choice(WORDS), t=postcode.name)
        if home:
            status, verified_days = EnterpriseStatus.ACTIVE, rng.randint(0, 300)
        else:
            roll = rng.random()
            status = (
                EnterpriseStatus.ARCHIVED
                if roll < 0.06
                else EnterpriseStatus.PAUSED
                if roll < 0.11
                else EnterpriseStatus.ACTIVE
            )
            verified_days = rng.choice([rng.randint(0, 360)] * 4 + [rng.randint(380, 900)])
        rsv = not responsible and rng.random() < 0.45
        flexible = rng.random() < 0.6
        enterprises.append(
            Enterprise(
                kind=EnterpriseKind.SOCIALLY_RESPONSIBLE if responsible else EnterpriseKind.SOCIAL_ECONOMY,
                cvr=cvr,
                name=name,
                description=f"{description} {tasks}",
                address=fake.street_address(),
                postcode=postcode,
                municipality_id=postcode.municipality_id,
                industry_id=industry,
                website=f"https://www.{_slug(name)}.dk",
                email=f"kontakt@{_slug(name)}.dk",
                phone=fake.phone_number(),
                rsv_registered=rsv,
                rsv_since=(now - timedelta(days=rng.randint(200, 3500))).date() if rsv else None,
                has_social_staff=not responsible and rng.random() < 0.6,
                has_mentor=rng.random() < 0.6,
                has_job_coach=rng.random() < 0.3,
                wheelchair_access=rng.random() < 0.5,
                flexible_hours=flexible,
                min_hours_per_week=rng.choice([4, 6, 8, 10, 12, 15]) if flexible else None,
                ordinary_staff_fte=Decimal(rng.randint(20, 4000)) / 100,
                other_supported_fte=Decimal(rng.choice([0, 0, 0, 1, 2])),
                status=status,
                last_verified_at=None if verified_days > 850 else now - timedelta(days=verified_days),
            )
        )
        kinds = (
            ["loentilskud", "fleksjob", "ordinaere_timer", "virksomhedspraktik"]
            if responsible
            else ["virksomhedspraktik", "loentilskud", "skaanejob", "fleksjob", "ordinaere_timer"]
        )
        plans.append(
            {
                "offers": rng.sample(kinds, rng.randint(1, 3)),
                "tasks": tasks,
                "areas": rng.sample(areas, 0 if responsible and rng.random() < 0.5 else rng.randint(2, 5)),
                "groups": rng.sample(groups, rng.randint(2, 6)),
                "contacts": rng.randint(1, 2),
                "home": bool(home),
            }
        )
    created = bulk_create_with_history(enterprises, Enterprise, batch_size=500)
    if not created or created[0].pk is None:  # backends without RETURNING
        created = list(Enterprise.objects.filter(cvr__in=cvrs).order_by("pk"))
        created.sort(key=lambda e: cvrs.index(e.cvr))
    offers, contacts, area_links, group_links = [], [], [], []
    AreaLink = Enterprise.challenge_areas.through
    GroupLink = Enterprise.target_groups.through
    for enterprise, plan in zip(created, plans, strict=True):
        for code in plan["offers"]:
            low = rng.choice([4, 8, 10, 15, 20])
            offers.append(
                Offer(
                    enterprise=enterprise,
                    placement_type_id=code,
                    places=rng.randint(1, 4) if plan["home"] else rng.randint(0, 3),
                    hours_min=low,
                    hours_max=low + rng.choice([5, 10, 17, 22]),
                    work_tasks=plan["tasks"],
                )
            )
        for n in range(plan["contacts"]):
            person = fake.name()
            contacts.append(
                ContactPerson(
                    enterprise=enterprise,
                    name=person,
                    role=rng.choice(CONTACT_ROLES),
                    phone=fake.phone_number(),
                    email=f"{_slug(person.split()[0])}@{_slug(enterprise.name)}.dk",
                    is_primary=n == 0,
                )
            )
        area_links += [AreaLink(enterprise_id=enterprise.pk, challengearea_id=c) for c in plan["areas"]]
        group_links += [GroupLink(enterprise_id=enterprise.pk, targetgroup_id=c) for c in plan["groups"]]
    bulk_create_with_history(offers, Offer, batch_size=500)
    bulk_create_with_history(contacts, ContactPerson, batch_size=500)
    AreaLink.objects.bulk_create(area_links, batch_size=1000)
    GroupLink.objects.bulk_create(group_links, batch_size=1000)
    if stdout:
        stdout.write(
            f"  enterprises: {len(created)} virksomheder, {len(offers)} tilbud, {len(contacts)} kontakter"
        )
