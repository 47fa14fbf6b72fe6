"""placement_propose and placement_transition: consent, hard rules, capacity, quota, history, audit."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from enterprises.models import Offer
from matching import services
from matching.models import Placement, PlacementEvent
from portal.core.models import AuditEvent, PlacementType

from .conftest import make_citizen, make_enterprise, make_placement

pytestmark = pytest.mark.django_db


def praktik():
    return PlacementType.objects.get(code="virksomhedspraktik")


def propose(citizen, enterprise, by, **kw):
    kw.setdefault("placement_type", praktik())
    kw.setdefault("purpose", "Afklaring")
    return services.placement_propose(citizen=citizen, enterprise=enterprise, by=by, **kw)


def offer(enterprise, code="virksomhedspraktik") -> Offer:
    return Offer.objects.get(enterprise=enterprise, placement_type_id=code)


def test_it_proposes_with_dates_from_the_placement_type_and_writes_history_and_audit(
    citizen, enterprise, caseworker
):
    placement = propose(citizen, enterprise, caseworker, start_date=date(2026, 1, 5))
    assert placement.status == "proposed"
    assert placement.planned_end_date == date(2026, 4, 6)  # 13 weeks
    assert placement.follow_up_date == date(2026, 3, 9)  # week 10
    event = placement.events.get()
    assert (event.from_status, event.to_status, event.by) == ("", "proposed", caseworker)
    assert AuditEvent.objects.filter(action="placement_create", target_id=citizen.pk).exists()


def test_it_refuses_to_propose_without_the_citizens_consent(jobcenter, caseworker, enterprise):
    no_consent = make_citizen(jobcenter=jobcenter, caseworker=caseworker, consent=False)
    with pytest.raises(services.PlacementError, match="samtykke"):
        propose(no_consent, enterprise, caseworker)
    assert not Placement.objects.exists()


def test_it_refuses_to_propose_without_a_purpose(citizen, enterprise, caseworker):
    with pytest.raises(services.PlacementError) as error:
        propose(citizen, enterprise, caseworker, purpose="   ")
    assert error.value.field == "purpose"


def test_it_refuses_a_type_the_enterprise_does_not_offer(citizen, enterprise, caseworker):
    with pytest.raises(services.PlacementError, match="tilbyder ikke løntilskud"):
        propose(citizen, enterprise, caseworker, placement_type=PlacementType.objects.get(code="loentilskud"))


def test_it_refuses_a_paused_enterprise(citizen, caseworker):
    paused = make_enterprise(status="paused")
    with pytest.raises(services.PlacementError, match="ikke imod borgere"):
        propose(citizen, paused, caseworker)


def test_only_one_open_placement_per_citizen_and_enterprise(citizen, enterprise, caseworker):
    first = propose(citizen, enterprise, caseworker)
    with pytest.raises(services.PlacementError, match="allerede et åbent forløb"):
        propose(citizen, enterprise, caseworker)
    services.placement_transition(placement=first, to_status="cancelled", by=caseworker, reason="other")
    assert propose(citizen, enterprise, caseworker).status == "proposed"  # a closed one does not block


def test_the_database_itself_refuses_a_second_open_placement(placement):
    with pytest.raises(IntegrityError), transaction.atomic():
        Placement.objects.create(
            citizen=placement.citizen,
            enterprise=placement.enterprise,
            placement_type=placement.placement_type,
            purpose="x",
        )


def test_the_database_refuses_an_end_before_the_start(placement):
    with pytest.raises(IntegrityError), transaction.atomic():
        Placement.objects.filter(pk=placement.pk).update(
            start_date=date(2026, 2, 1), planned_end_date=date(2026, 1, 1)
        )


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        ([], "agreed"),
        ([], "active"),
        ([], "completed"),
        (["contacted"], "active"),
        (["contacted"], "proposed"),
        (["contacted", "agreed"], "completed"),
        (["contacted", "agreed", "active"], "cancelled"),
        (["cancelled"], "contacted"),
    ],
)
def test_it_refuses_moves_outside_the_status_machine(placement, caseworker, path, refused):
    for step in path:
        services.placement_transition(placement=placement, to_status=step, by=caseworker, reason="other")
    before = placement.events.count()
    with pytest.raises(services.PlacementError, match="kan ikke gå fra"):
        services.placement_transition(
            placement=placement, to_status=refused, by=caseworker, outcome="education"
        )
    assert placement.events.count() == before


def test_every_move_is_an_event_with_who_and_from_to(placement, caseworker, colleague):
    services.placement_transition(placement=placement, to_status="contacted", by=colleague, note="Ringet op")
    event = placement.events.last()
    assert (event.from_status, event.to_status, event.by, event.note) == (
        "proposed",
        "contacted",
        colleague,
        "Ringet op",
    )
    assert AuditEvent.objects.filter(action="placement_transition").count() == 1


def test_events_are_append_only(placement):
    event = placement.events.get()
    event.note = "ændret"
    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()


def test_cancelling_needs_a_reason_and_completing_an_outcome(placement, caseworker):
    with pytest.raises(services.PlacementError, match="årsag"):
        services.placement_transition(placement=placement, to_status="cancelled", by=caseworker)
    for step in ("contacted", "agreed", "active"):
        services.placement_transition(placement=placement, to_status=step, by=caseworker)
    with pytest.raises(services.PlacementError, match="resultat"):
        services.placement_transition(
            placement=placement, to_status="completed", by=caseworker, outcome="nonsense"
        )
    services.placement_transition(
        placement=placement,
        to_status="completed",
        by=caseworker,
        outcome="education",
        ended_on=timezone.localdate(),
    )
    placement.refresh_from_db()
    assert placement.outcome == "education" and placement.ended_on is not None
    assert placement.events.last().outcome == "education"


def test_agreed_and_active_placements_take_a_place_and_finishing_frees_it(placement, enterprise, caseworker):
    services.placement_transition(placement=placement, to_status="contacted", by=caseworker)
    assert offer(enterprise).places_taken == 0
    services.placement_transition(placement=placement, to_status="agreed", by=caseworker)
    assert offer(enterprise).places_taken == 1
    services.placement_transition(placement=placement, to_status="active", by=caseworker)
    assert offer(enterprise).places_taken == 1
    assert enterprise.ratio().supported_now == 1
    services.placement_transition(
        placement=placement,
        to_status="completed",
        by=caseworker,
        outcome="no_progress",
        ended_on=timezone.localdate(),
    )
    assert offer(enterprise).places_taken == 0


def test_cancelling_an_agreed_placement_frees_the_place(placement, enterprise, caseworker):
    for step in ("contacted", "agreed"):
        services.placement_transition(placement=placement, to_status=step, by=caseworker)
    services.placement_transition(
        placement=placement, to_status="cancelled", by=caseworker, reason="declined_by_citizen"
    )
    assert offer(enterprise).places_taken == 0


def test_going_active_sets_the_start_and_the_default_dates(placement, caseworker):
    for step in ("contacted", "agreed"):
        services.placement_transition(placement=placement, to_status=step, by=caseworker)
    services.placement_transition(
        placement=placement, to_status="active", by=caseworker, start_date=date(2026, 3, 2)
    )
    assert (placement.start_date, placement.planned_end_date, placement.follow_up_date) == (
        date(2026, 3, 2),
        date(2026, 6, 1),
        date(2026, 5, 4),
    )


def test_it_refuses_the_last_place_twice(jobcenter, caseworker, colleague):
    enterprise = make_enterprise(offers={"virksomhedspraktik": 1})
    first = make_placement(
        citizen=make_citizen(jobcenter=jobcenter, caseworker=caseworker),
        enterprise=enterprise,
        by=caseworker,
        status="contacted",
    )
    second = make_placement(
        citizen=make_citizen(jobcenter=jobcenter, caseworker=colleague),
        enterprise=enterprise,
        by=colleague,
        status="contacted",
    )
    services.placement_transition(placement=first, to_status="agreed", by=caseworker)
    with pytest.raises(services.PlacementError, match="ikke længere en ledig plads"):
        services.placement_transition(placement=second, to_status="agreed", by=colleague)
    second.refresh_from_db()
    assert second.status == "contacted"
    assert offer(enterprise).places_taken == 1


def test_it_refuses_when_the_rimelighedskrav_is_used_up(jobcenter, caseworker):
    # 4 FTE allow 1 supported person; someone placed by others fills it, although places are free.
    enterprise = make_enterprise(offers={"virksomhedspraktik": 3, "fleksjob": 1}, fte="4")
    enterprise.other_supported_fte = Decimal("1")
    enterprise.save()
    citizen = make_citizen(jobcenter=jobcenter, caseworker=caseworker)
    placement = make_placement(citizen=citizen, enterprise=enterprise, by=caseworker, status="contacted")
    with pytest.raises(services.PlacementError, match="Rimelighedskravet er opbrugt"):
        services.placement_transition(placement=placement, to_status="agreed", by=caseworker)
    # Fleksjob does not count toward the ratio.
    other = make_citizen(jobcenter=jobcenter, caseworker=caseworker)
    flex = make_placement(
        citizen=other, enterprise=enterprise, by=caseworker, code="fleksjob", status="agreed"
    )
    assert flex.status == "agreed"


def test_the_ratio_counts_agreed_placements_of_every_counting_type(jobcenter, caseworker):
    # 10 FTE allow 2; one praktik and one løntilskud fill the quota.
    enterprise = make_enterprise(offers={"virksomhedspraktik": 3, "loentilskud": 3}, fte="10")
    for code in ("virksomhedspraktik", "loentilskud"):
        make_placement(
            citizen=make_citizen(jobcenter=jobcenter, caseworker=caseworker),
            enterprise=enterprise,
            by=caseworker,
            code=code,
            status="agreed",
        )
    enterprise.refresh_from_db()
    assert not enterprise.ratio().can_take_one_more
    third = make_placement(
        citizen=make_citizen(jobcenter=jobcenter, caseworker=caseworker),
        enterprise=enterprise,
        by=caseworker,
        status="contacted",
    )
    with pytest.raises(services.PlacementError, match="Rimelighedskravet"):
        services.placement_transition(placement=third, to_status="agreed", by=caseworker)


def test_skaanejob_is_free_of_the_ratio_while_a_rar_dispensation_is_valid(jobcenter, caseworker):
    enterprise = make_enterprise(offers={"skaanejob": 2}, fte="4", rar_dispensation_until=date(2099, 1, 1))
    enterprise.other_supported_fte = Decimal("1")
    enterprise.save()
    placement = make_placement(
        citizen=make_citizen(jobcenter=jobcenter, caseworker=caseworker),
        enterprise=enterprise,
        by=caseworker,
        code="skaanejob",
        status="agreed",
    )
    assert placement.status == "agreed"


def test_offer_recount_repairs_a_wrong_count(placement, enterprise, caseworker):
    for step in ("contacted", "agreed"):
        services.placement_transition(placement=placement, to_status=step, by=caseworker)
    Offer.objects.filter(enterprise=enterprise).update(places_taken=0)
    assert (
        services.offer_recount_places(enterprise_id=enterprise.pk, placement_type_id="virksomhedspraktik")
        == 1
    )
    assert offer(enterprise).places_taken == 1
    assert PlacementEvent.objects.filter(placement=placement).count() == 3
