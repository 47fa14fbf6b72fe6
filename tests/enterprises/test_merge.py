"""Duplicates and merge: nothing related points at the merged duplicate afterwards except its history
and audit events; offers of the same type add their places; the duplicate is archived and points on."""

from django.db import models
from django.urls import reverse

from enterprises.merge import duplicate_pairs, enterprise_merge
from enterprises.models import (
    ContactLogEntry,
    CorrectionSuggestion,
    Enterprise,
    EnterpriseStatus,
    Offer,
    VerificationRequest,
)
from enterprises.verify import services as verify_services
from matching.models import Placement
from portal.core.audit import AuditContext
from portal.core.models import AuditEvent
from tests.enterprises.conftest import make_enterprise
from tests.matching.conftest import make_citizen, make_placement


def _pointing_at(enterprise: Enterprise) -> dict[str, int]:
    """Rows of every model with a (visible) relation to Enterprise that point at `enterprise`."""
    found = {}
    for relation in Enterprise._meta.related_objects:
        if relation.many_to_many:
            continue
        model = relation.related_model
        count = model._base_manager.filter(**{relation.field.name: enterprise}).count()
        if count:
            found[f"{model._meta.label}.{relation.field.name}"] = count
    return found


def test_merge_moves_everything_and_sums_offers(caseworker, admin_user):
    survivor = make_enterprise(
        "Café Bro", offers={"virksomhedspraktik": 2}, contact="Mette", p_number="1000000001"
    )
    duplicate = make_enterprise(
        "Cafe Bro ApS",
        offers={"virksomhedspraktik": 3, "loentilskud": 1},
        contact="Ole",
        target_groups=["dagpenge"],
    )
    duplicate.contacts.update(email="ole@bro.dk")
    citizen = make_citizen(jobcenter=caseworker.jobcenter, caseworker=caseworker)
    placement = make_placement(citizen=citizen, enterprise=duplicate, by=caseworker)
    CorrectionSuggestion.objects.create(enterprise=duplicate, suggested_by=caseworker, text="Dublet?")
    verify_services.request_send(enterprise=duplicate, context=AuditContext(user=admin_user))
    ContactLogEntry.objects.create(enterprise=duplicate, on="2026-11-30", channel="phone")
    assert set(_pointing_at(duplicate)) >= {
        "matching.Placement.enterprise",
        "enterprises.Offer.enterprise",
        "enterprises.ContactPerson.enterprise",
        "enterprises.CorrectionSuggestion.enterprise",
        "enterprises.VerificationRequest.enterprise",
        "enterprises.ContactLogEntry.enterprise",
    }

    enterprise_merge(survivor=survivor, duplicate=duplicate, context=AuditContext(user=admin_user))

    assert _pointing_at(duplicate) == {}
    duplicate.refresh_from_db()
    assert duplicate.status == EnterpriseStatus.ARCHIVED and duplicate.merged_into == survivor
    assert Placement.objects.get(pk=placement.pk).enterprise == survivor
    offers = {o.placement_type_id: o.places for o in Offer.objects.filter(enterprise=survivor)}
    assert offers == {"virksomhedspraktik": 5, "loentilskud": 1}
    assert list(survivor.contacts.filter(is_primary=True).values_list("name", flat=True)) == ["Mette"]
    assert "dagpenge" in {t.code for t in survivor.target_groups.all()}
    assert VerificationRequest.objects.filter(enterprise=survivor, is_current=True).count() == 0
    # History and audit stay with the duplicate.
    assert duplicate.history.exists()
    assert AuditEvent.objects.filter(action="enterprise_merge", target_id=duplicate.pk).exists()


def test_pairs_by_p_number_and_name_at_postcode(db):
    a = make_enterprise("Grøn Genbrug", p_number="1000000001")
    b = make_enterprise("Noget andet", p_number="1000000001")
    c = make_enterprise("Café Bro", postcode="8000")
    d = make_enterprise("Café Bro", postcode="8000")
    make_enterprise("Café Bro", postcode="5000")
    pairs = {(p.first.pk, p.second.pk) for p in duplicate_pairs()}
    assert pairs == {(a.pk, b.pk), (c.pk, d.pk)}


def test_merge_pages(admin_client_, caseworker_client):
    a = make_enterprise("Café Bro")
    b = make_enterprise("Café Bro")
    assert caseworker_client.get(reverse("enterprises:duplicates")).status_code == 403
    assert caseworker_client.post(reverse("enterprises:merge", args=[a.pk, b.pk])).status_code == 403
    assert "Café Bro" in admin_client_.get(reverse("enterprises:duplicates")).content.decode()
    assert admin_client_.get(reverse("enterprises:merge", args=[a.pk, b.pk])).status_code == 200
    assert admin_client_.post(reverse("enterprises:merge", args=[a.pk, a.pk])).status_code == 400
    assert admin_client_.post(reverse("enterprises:merge", args=[a.pk, b.pk])).status_code == 302
    assert Enterprise.objects.get(pk=b.pk).merged_into_id == a.pk
    # Merged once: the duplicate cannot be merged again.
    assert admin_client_.get(reverse("enterprises:merge", args=[a.pk, b.pk])).status_code == 404


def test_relations_walked_are_all_foreign_keys():
    kinds = {type(r.field) for r in Enterprise._meta.related_objects if not r.many_to_many}
    assert kinds <= {models.ForeignKey, models.OneToOneField}
