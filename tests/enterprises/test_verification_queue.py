"""The admins' verification queue: tabs, bulk actions, contact log, register health."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from enterprises.models import (
    ContactLogEntry,
    Enterprise,
    EnterpriseStatus,
    VerificationRequest,
    VerificationState,
)
from enterprises.verify import selectors, services
from portal.core.audit import AuditContext
from portal.core.models import AuditEvent
from tests.enterprises.conftest import make_enterprise

QUEUE = reverse("enterprises:verification")
OLD = timezone.now() - timedelta(days=400)


def test_permission_ladder(db, caseworker_client, team_lead_client, admin_client_):
    enterprise = make_enterprise()
    log = reverse("enterprises:contact_log", args=[enterprise.pk])
    for url in (QUEUE, log):
        assert Client().get(url).status_code == 302
        assert caseworker_client.get(url).status_code == 403
        assert team_lead_client.get(url).status_code == 403
        assert admin_client_.get(url).status_code == 200
    assert admin_client_.get(reverse("enterprises:contact_log", args=[99999])).status_code == 404


def test_tabs(db, admin_client_, admin_user):
    due = make_enterprise("Forfalden", last_verified_at=OLD, email="a@b.dk")
    fresh = make_enterprise("Frisk")
    requested = make_enterprise("Spurgt", last_verified_at=OLD, email="c@d.dk")
    bounced = make_enterprise("Uden mail", last_verified_at=OLD)
    for e in (requested, bounced):
        services.request_send(enterprise=e, context=AuditContext(user=admin_user))
    names = lambda tab: [e.name for e in selectors.queue(tab)]  # noqa: E731
    assert names("due") == [due.name]
    assert names("requested") == [requested.name]
    assert names("call") == [bounced.name]
    assert fresh.name not in sum((names(t) for t in selectors.TABS), [])
    html = admin_client_.get(QUEUE + "?tab=call").content.decode()
    assert "Uden mail" in html and "ring op" in html


def test_bulk_send_verify_archive(db, admin_client_):
    rows = [make_enterprise(f"E{i}", last_verified_at=OLD, email=f"e{i}@b.dk") for i in range(3)]
    response = admin_client_.post(QUEUE, {"action": "send", "ids": [rows[0].pk, rows[1].pk]})
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["e0@b.dk", "e1@b.dk"]
    admin_client_.post(QUEUE, {"action": "verify", "ids": [rows[2].pk]})
    rows[2].refresh_from_db()
    assert rows[2].last_verified_at.date() == timezone.localdate() and rows[2].verified_source == "admin"
    admin_client_.post(QUEUE + "?tab=requested", {"action": "archive", "ids": [rows[0].pk]})
    assert Enterprise.objects.get(pk=rows[0].pk).status == EnterpriseStatus.ARCHIVED


def test_bulk_without_selection_or_with_unknown_action_changes_nothing(db, admin_client_):
    e = make_enterprise(last_verified_at=OLD, email="x@y.dk")
    response = admin_client_.post(QUEUE, {"action": "send"})
    assert response.status_code == 400 and "Vælg mindst én" in response.content.decode()
    assert admin_client_.post(QUEUE, {"action": "delete", "ids": [e.pk]}).status_code == 400
    assert not VerificationRequest.objects.exists()


def test_contact_log(db, admin_client_):
    e = make_enterprise()
    url = reverse("enterprises:contact_log", args=[e.pk])
    response = admin_client_.post(
        url, {"on": "2026-11-30", "channel": "phone", "note": "Ringede, de svarer i morgen"}
    )
    assert response.status_code == 302
    entry = ContactLogEntry.objects.get()
    assert (entry.channel, entry.note) == ("phone", "Ringede, de svarer i morgen")
    assert AuditEvent.objects.filter(action="verification_contact", target_id=e.pk).exists()
    bad = admin_client_.post(url, {"on": "igår", "channel": "brevdue"})
    assert bad.status_code == 400
    assert ContactLogEntry.objects.count() == 1
    assert "Ringede" in admin_client_.get(url).content.decode()


def test_queue_queries_do_not_grow(db, admin_client_, admin_user):
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert admin_client_.get(QUEUE + "?tab=requested").status_code == 200
        return len(ctx)

    for i in range(2):
        services.request_send(
            enterprise=make_enterprise(email=f"a{i}@b.dk"), context=AuditContext(user=admin_user)
        )
    small = count()
    for i in range(10):
        e = make_enterprise(email=f"b{i}@b.dk")
        services.request_send(enterprise=e, context=AuditContext(user=admin_user))
        ContactLogEntry.objects.create(enterprise=e, on=timezone.localdate(), channel="phone")
    assert count() == small


@pytest.mark.parametrize("answered", [True, False])
def test_register_health(db, admin_user, answered):
    a = make_enterprise(offers={"virksomhedspraktik": 1}, email="a@b.dk")
    make_enterprise(last_verified_at=OLD)
    a.offers.update(places_confirmed_at=timezone.localdate() - timedelta(days=10))
    request = services.request_send(enterprise=a, context=AuditContext(user=admin_user))
    if answered:
        VerificationRequest.objects.filter(pk=request.pk).update(state=VerificationState.ANSWERED)
    health = selectors.register_health()
    assert health["verified_share"] == 50
    assert health["median_places_age"] == 10
    assert health["answer_rate"] == (100 if answered else 0)
