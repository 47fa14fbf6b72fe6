"""Send to a colleague: a valid address, the PDF attached, at most 20 a day, every send audited."""

from datetime import timedelta

import pytest
from django.utils import timezone

from portal.core.models import AuditAction, AuditEvent
from tests.audit_helpers import backdate_event


def send(client, **data):
    return client.post(
        "/flyer/send/",
        {
            "email": "kollega@aarhus.dk",
            "note": "Se den her!",
            "vis": "1",
            "contact": "True",
            "near": "True",
            "qr": "False",
        }
        | data,
    )


def test_it_sends_the_pdf_with_the_note_and_audits_it(caseworker_client, caseworker, mailoutbox):
    response = send(caseworker_client)
    assert response.status_code == 302
    assert response["Location"] == "/flyer/?vis=1&contact=1&near=1&qr=0"
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["kollega@aarhus.dk"]
    assert "Se den her!" in message.body and "Sara" in message.body
    ((name, content, mimetype),) = message.attachments
    assert name.endswith(".pdf") and mimetype == "application/pdf" and content.startswith(b"%PDF")
    event = AuditEvent.objects.get(action=AuditAction.FLYER_SEND)
    assert event.actor == caseworker and event.detail["to"] == "kollega@aarhus.dk"
    assert (
        "Flyeren er sendt til kollega@aarhus.dk."
        in caseworker_client.get(response["Location"]).content.decode()
    )


def test_the_form_carries_the_preview_options(caseworker_client):
    html = caseworker_client.get("/flyer/send/?vis=1&contact=1&near=0&qr=0").content.decode()
    assert 'name="near" value="False"' in html
    assert 'name="contact" value="True"' in html


@pytest.mark.parametrize("address", ["", "ikke-en-adresse", "a@b", "kollega@aarhus.dk\nBcc: x@y.dk"])
def test_it_refuses_a_bad_address(caseworker_client, mailoutbox, address):
    response = send(caseworker_client, email=address)
    assert response.status_code == 200
    assert mailoutbox == []
    assert not AuditEvent.objects.filter(action=AuditAction.FLYER_SEND).exists()


def test_the_note_is_short(caseworker_client, mailoutbox):
    response = send(caseworker_client, note="x" * 501)
    assert "Denne værdi må højst have 500 tegn" in response.content.decode()
    assert mailoutbox == []


def test_it_allows_twenty_sends_a_day_and_refuses_the_twenty_first(caseworker_client, caseworker, mailoutbox):
    for _ in range(20):
        assert send(caseworker_client).status_code == 302
    response = send(caseworker_client)
    assert response.status_code == 200
    assert "Du har allerede sendt 20 flyere i dag" in response.content.decode()
    assert len(mailoutbox) == 20
    assert AuditEvent.objects.filter(action=AuditAction.FLYER_SEND, actor=caseworker).count() == 20


def test_yesterdays_sends_and_colleagues_sends_do_not_count(
    caseworker_client, caseworker, colleague, mailoutbox
):
    from portal.core.audit import audit_log

    for _ in range(20):
        audit_log(action=AuditAction.FLYER_SEND, user=colleague)
        event = audit_log(action=AuditAction.FLYER_SEND, user=caseworker)
        backdate_event(event, timezone.now() - timedelta(days=1))
    assert send(caseworker_client).status_code == 302
    assert len(mailoutbox) == 1


def test_a_stored_title_with_a_line_break_still_sends(caseworker_client, mailoutbox):
    from django.core.cache import cache

    from portal.flyer.models import FlyerText

    FlyerText.objects.filter(is_published=True).update(title="Brobygger\nflyer")  # saved before the check
    cache.clear()  # the published text is cached
    assert send(caseworker_client).status_code == 302
    assert mailoutbox[0].subject == "Brobygger flyer"
