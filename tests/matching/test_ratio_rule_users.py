"""Every user of the rimelighedskrav agrees with the pure rule (`enterprises/ratio.py`) on generated
enterprises: the register's "Kun med ledige pladser" filter (SQL), the detail page, matching,
candidates and the transition service."""

import datetime
import random
from decimal import Decimal

import pytest
from django.db import transaction

from enterprises import ratio
from enterprises.models import Enterprise, Offer
from matching import candidates, rules, selectors, services
from matching.models import Placement, PlacementStatus
from matching.services import PlacementError
from portal.core.models import PlacementType
from tests.matching.conftest import make_citizen, make_enterprise

FTE = ["0", "3", "4.5", "5", "9.99", "10", "24", "50", "55", "61", "120"]
OTHERS = ["0", "0.5", "1", "2", "3.5"]
TODAY = datetime.date.today()
DISPENSATION = [None, TODAY - datetime.timedelta(days=1), TODAY, TODAY + datetime.timedelta(days=90)]


class _Rollback(Exception):
    pass


def _generate(rng: random.Random, citizens: list, by) -> list[Enterprise]:
    codes = list(PlacementType.objects.values_list("code", flat=True))
    made = []
    for n in range(36):
        enterprise = make_enterprise(
            name=f"Generet {n}",
            fte=rng.choice(FTE),
            other_supported_fte=Decimal(rng.choice(OTHERS)),
            rar_dispensation_until=rng.choice(DISPENSATION),
            offers={code: rng.randint(0, 3) for code in rng.sample(codes, rng.randint(1, len(codes)))},
        )
        pool = iter(citizens)
        for offer in enterprise.offers.all():
            offer_taken = rng.randint(0, offer.places)
            for _ in range(offer_taken):
                Placement.objects.create(
                    citizen=next(pool),
                    enterprise=enterprise,
                    placement_type_id=offer.placement_type_id,
                    status=PlacementStatus.AGREED,
                    purpose="Afklaring",
                    created_by=by,
                )
            Offer.objects.filter(pk=offer.pk).update(places_taken=offer_taken)
        made.append(enterprise)
    return made


def _pure(enterprise: Enterprise, code: str, types: dict) -> bool:
    """The rule itself: a free place and, where the quota applies, headroom of at least 1."""
    offers = {o.placement_type_id: o for o in Offer.objects.filter(enterprise=enterprise)}
    offer = offers.get(code)
    if offer is None or offer.places <= offer.places_taken:
        return False
    exempt = ratio.dispensation_valid(enterprise.rar_dispensation_until, TODAY)
    status = ratio.ratio_status(
        ordinary_fte=enterprise.ordinary_staff_fte,
        other_supported_fte=enterprise.other_supported_fte,
        taken_by_type={c: o.places_taken for c, o in offers.items()},
        counting_types={c for c, counts in types.items() if counts},
        skaanejob_exempt=exempt,
    )
    return not (ratio.applies(code, types[code], exempt) and status.headroom < 1)


def _transition_agrees(enterprise: Enterprise, code: str, citizen, by) -> bool:
    placement = Placement.objects.create(
        citizen=citizen,
        enterprise=enterprise,
        placement_type_id=code,
        status=PlacementStatus.CONTACTED,
        purpose="Afklaring",
        created_by=by,
    )
    try:
        with transaction.atomic():
            services.placement_transition(placement=placement, to_status=PlacementStatus.AGREED, by=by)
            raise _Rollback
    except _Rollback:
        return True
    except PlacementError:
        return False
    finally:
        placement.delete()


@pytest.mark.django_db
def test_all_users_of_the_ratio_rule_agree_with_the_pure_rule(jobcenter, caseworker):
    rng = random.Random(2026)
    citizens = [
        make_citizen(jobcenter=jobcenter, caseworker=caseworker, last_name=f"B{i}") for i in range(14)
    ]
    spare = citizens.pop()
    enterprises = _generate(rng, citizens, caseworker)
    types = dict(PlacementType.objects.values_list("code", "counts_toward_ratio"))
    all_types = selectors.placement_types()
    counting = {code for code, counts in types.items() if counts}
    checked = {True: 0, False: 0}
    for enterprise in enterprises:
        (facts,) = selectors.enterprise_facts(Enterprise.objects.filter(pk=enterprise.pk))
        detail = {
            o.placement_type_id: o.usable
            for o in Enterprise.objects.get(pk=enterprise.pk).offers_with_ratio()
        }
        for code in types:
            expected = _pure(enterprise, code, types)
            checked[expected] += 1
            listed = Enterprise.objects.with_usable_places(code).filter(pk=enterprise.pk).exists()
            assert listed == expected, ("list filter", enterprise.name, code)
            assert detail.get(code, False) == expected, ("detail page", enterprise.name, code)
            if code not in facts.offers:
                continue
            match = rules.evaluate(
                rules.CitizenFacts(latitude=facts.latitude, longitude=facts.longitude),
                facts,
                [all_types[code]],
                counting,
                50,
            )
            assert (not match.excluded) == expected, ("matching", enterprise.name, code, match.failed)
            room = candidates._has_room(facts, facts.offers[code], all_types, counting)
            assert room == expected, ("candidates", enterprise.name, code)
            assert _transition_agrees(enterprise, code, spare, caseworker) == expected, (
                "transition service",
                enterprise.name,
                code,
            )
    assert min(checked.values()) > 20, checked  # both answers occur often enough to mean something
