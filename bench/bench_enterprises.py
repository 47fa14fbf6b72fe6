"""Enterprise register at national scale: 20,000 enterprises, list / search / filters vs the admin."""

import random
import time
from decimal import Decimal
from urllib.parse import quote

from django.db import connection, transaction
from django.utils import timezone

from enterprises.demo import TRADES, WORDS, cvr_numbers
from enterprises.models import Enterprise, EnterpriseStatus, Offer
from portal.core.models import (
    ChallengeArea,
    Jobcenter,
    Municipality,
    PlacementType,
    Postcode,
    Role,
    TargetGroup,
    User,
)

TARGET = 20_000
BATCH = 2_000


def generate(target: int = TARGET) -> None:
    have = Enterprise.objects.count()
    if have >= target:
        print(f"   {have} enterprises already there", flush=True)
        analyze()
        return
    started = time.perf_counter()
    rng = random.Random(20_000)
    taken = set(Enterprise.objects.values_list("cvr", flat=True))
    cvrs = [c for c in cvr_numbers(rng, target + len(taken)) if c not in taken][: target - have]
    postcodes = list(Postcode.objects.all())
    areas = list(ChallengeArea.objects.values_list("code", flat=True))
    groups = list(TargetGroup.objects.values_list("code", flat=True))
    types = list(PlacementType.objects.values_list("code", flat=True))
    now = timezone.now()
    AreaLink = Enterprise.challenge_areas.through
    GroupLink = Enterprise.target_groups.through
    for start in range(0, len(cvrs), BATCH):
        with transaction.atomic():
            batch = []
            for cvr in cvrs[start : start + BATCH]:
                postcode = rng.choice(postcodes)
                industry, patterns, description, tasks = rng.choice(TRADES)
                batch.append(
                    Enterprise(
                        cvr=cvr,
                        name=rng.choice(patterns).format(w=rng.choice(WORDS), t=postcode.name),
                        description=f"{description} {tasks}",
                        postcode=postcode,
                        municipality_id=postcode.municipality_id,
                        industry_id=industry,
                        rsv_registered=rng.random() < 0.3,
                        has_mentor=rng.random() < 0.5,
                        flexible_hours=rng.random() < 0.5,
                        ordinary_staff_fte=Decimal(rng.randint(100, 5000)) / 100,
                        status=EnterpriseStatus.ARCHIVED if rng.random() < 0.05 else EnterpriseStatus.ACTIVE,
                        last_verified_at=now - timezone.timedelta(days=rng.randint(0, 800)),
                    )
                )
            created = Enterprise.objects.bulk_create(batch)
            Offer.objects.bulk_create(
                [
                    Offer(enterprise=e, placement_type_id=code, places=rng.randint(0, 4))
                    for e in created
                    for code in rng.sample(types, rng.randint(1, 3))
                ]
            )
            AreaLink.objects.bulk_create(
                [AreaLink(enterprise=e, challengearea_id=c) for e in created for c in rng.sample(areas, 3)]
            )
            GroupLink.objects.bulk_create(
                [GroupLink(enterprise=e, targetgroup_id=c) for e in created for c in rng.sample(groups, 4)]
            )
    analyze()
    print(f"   generated {len(cvrs)} enterprises in {time.perf_counter() - started:.1f} s", flush=True)


def analyze() -> None:
    """Fresh planner statistics after a bulk load (autovacuum would get there, later)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in (
            Enterprise,
            Offer,
            Enterprise.challenge_areas.through,
            Enterprise.target_groups.through,
        ):
            cursor.execute(f'ANALYZE "{model._meta.db_table}"')


def users() -> tuple[User, User]:
    jobcenter, _ = Jobcenter.objects.get_or_create(name="Jobcenter Aarhus")
    jobcenter.municipalities.add(*Municipality.objects.filter(code="751"))
    caseworker, _ = User.objects.get_or_create(
        username="bench-enterprises-caseworker", defaults={"role": Role.CASEWORKER, "jobcenter": jobcenter}
    )
    superuser, _ = User.objects.get_or_create(
        username="bench-enterprises-superuser",
        defaults={"role": Role.ADMIN, "is_superuser": True, "is_staff": True},
    )
    return caseworker, superuser


def run(ctx) -> None:
    generate()
    caseworker, superuser = users()
    client = ctx.client_for(caseworker)
    admin = ctx.client_for(superuser)
    term = quote("genbrug")
    sample = Enterprise.objects.active().order_by("pk")[TARGET // 2]
    ctx.time_request("enterprises: list, page 1 of 20k", client, "/enterprises/")
    ctx.time_request("enterprises: list, page 40", client, "/enterprises/?page=40")
    ctx.time_request("enterprises: free-text search 'genbrug'", client, f"/enterprises/?q={term}")
    ctx.time_request("enterprises: search by town 'Viborg'", client, "/enterprises/?q=Viborg")
    ctx.time_request(
        "enterprises: filtered (kommune+type+ledige+målgruppe)",
        client,
        "/enterprises/?municipality=751&placement_type=virksomhedspraktik&free_places=on&target_group=dagpenge",
    )
    ctx.time_request(
        "enterprises: distance from 8000 + erfaring",
        client,
        "/enterprises/?sort=distance&from_postcode=8000&challenge_area=misbrug",
    )
    ctx.time_request(
        "enterprises: search, then page 2",
        client,
        f"/enterprises/?q={term}&page=2",
    )
    ctx.time_request(
        "enterprises: only usable places, nationwide",  # the rimelighedskrav in SQL, over all 20k
        client,
        "/enterprises/?free_places=on&page=40",
    )
    ctx.time_request("enterprises: detail page", client, f"/enterprises/{sample.pk}/")
    ctx.time_request(
        "django admin changelist: search 'genbrug' (comparison)",
        admin,
        f"/admin/enterprises/enterprise/?q={term}",
        budget_ms=None,
        note="for comparison",
    )
