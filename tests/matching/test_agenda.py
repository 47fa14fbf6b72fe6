"""`/agenda/` ("Min uge"), `manage.py send_reminders` and the private calendar feed."""

from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from matching import reminders
from matching.models import Placement, ReminderSent
from portal.core.log_paths import mask_path
from portal.core.models import AuditAction, AuditEvent

from .conftest import make_citizen, make_enterprise, make_placement

TODAY = timezone.localdate()
SECRET_NAME = ("Xerxes", "Vindeløv-Quorn")  # distinctive: must never appear in e-mail or calendar
CPR_DIGITS = "2412891234"


@pytest.fixture
def week(jobcenter, caseworker, colleague):
    """One placement per agenda section for the caseworker, and one for a colleague."""
    caseworker.email, colleague.email = "sara@aarhus.dk", "carl@aarhus.dk"
    caseworker.save(), colleague.save()
    enterprise = make_enterprise(name="Café Kompasset", offers={"virksomhedspraktik": 10}, fte="100")
    citizen = make_citizen(
        jobcenter=jobcenter, caseworker=caseworker, first_name=SECRET_NAME[0], last_name=SECRET_NAME[1]
    )
    overdue = make_placement(citizen=citizen, enterprise=enterprise, by=caseworker, status="active")
    Placement.objects.filter(pk=overdue.pk).update(
        follow_up_date=TODAY - timedelta(days=2), planned_end_date=TODAY + timedelta(days=30)
    )
    starting = make_placement(
        citizen=make_citizen(jobcenter=jobcenter, caseworker=caseworker, last_name="Start"),
        enterprise=enterprise,
        by=caseworker,
        status="agreed",
    )
    Placement.objects.filter(pk=starting.pk).update(start_date=TODAY + timedelta(days=5), follow_up_date=None)
    ending = make_placement(
        citizen=make_citizen(jobcenter=jobcenter, caseworker=caseworker, last_name="Slut"),
        enterprise=enterprise,
        by=caseworker,
        status="active",
    )
    Placement.objects.filter(pk=ending.pk).update(
        planned_end_date=TODAY + timedelta(days=10), follow_up_date=TODAY + timedelta(days=9)
    )
    stale = make_placement(
        citizen=make_citizen(jobcenter=jobcenter, caseworker=caseworker, last_name="Stille"),
        enterprise=enterprise,
        by=caseworker,
    )
    Placement.objects.filter(pk=stale.pk).update(status_changed_at=timezone.now() - timedelta(days=20))
    theirs = make_placement(
        citizen=make_citizen(jobcenter=jobcenter, caseworker=colleague, last_name="Kollega"),
        enterprise=enterprise,
        by=colleague,
        status="active",
    )
    Placement.objects.filter(pk=theirs.pk).update(follow_up_date=TODAY)
    return {"overdue": overdue, "starting": starting, "ending": ending, "stale": stale, "theirs": theirs}


def test_the_permission_ladder(client, admin_client_, caseworker_client, team_lead_client):
    url = reverse("matching:agenda")
    assert client.get(url).status_code == 302
    assert admin_client_.get(url).status_code == 403
    assert caseworker_client.get(url).status_code == 200
    assert team_lead_client.get(url).status_code == 200


def test_a_caseworker_sees_their_own_week_and_it_audits_the_citizens_shown(caseworker_client, week):
    html = caseworker_client.get(reverse("matching:agenda")).content.decode()
    assert " ".join(SECRET_NAME) in html and "overskredet" in html
    for last_name in ("Start", "Slut", "Stille"):
        assert f"Bo {last_name}" in html
    assert "Bo Kollega" not in html
    event = AuditEvent.objects.get(action=AuditAction.AGENDA_VIEW)
    assert sorted(event.detail["ids"]) == sorted(
        week[k].citizen_id for k in ("overdue", "starting", "ending", "stale")
    )


def test_a_team_lead_sees_the_jobcenters_week_grouped_by_caseworker(team_lead_client, week, outsider):
    make_placement(
        citizen=make_citizen(
            jobcenter=outsider.jobcenter, caseworker=outsider, postcode="5000", last_name="Odense"
        ),
        enterprise=make_enterprise(postcode="5000"),
        by=outsider,
    )
    html = team_lead_client.get(reverse("matching:agenda")).content.decode()
    assert "Bo Kollega" in html and " ".join(SECRET_NAME) in html and "Bo Odense" not in html
    assert "Sagsbehandler" in html and "Carl" in html and "Sara" in html


def test_the_agenda_needs_the_same_number_of_queries_for_more_placements(
    caseworker_client, week, jobcenter, caseworker, django_assert_max_num_queries
):
    with django_assert_max_num_queries(40) as before:
        caseworker_client.get(reverse("matching:agenda"))
    enterprise = make_enterprise(offers={"virksomhedspraktik": 20}, fte="200")
    for _ in range(5):
        make_placement(
            citizen=make_citizen(jobcenter=jobcenter, caseworker=caseworker),
            enterprise=enterprise,
            by=caseworker,
            status="active",
        )
    Placement.objects.update(follow_up_date=TODAY)
    with django_assert_max_num_queries(len(before.captured_queries)):
        caseworker_client.get(reverse("matching:agenda"))


# --- reminders ------------------------------------------------------------------------------------
def test_send_reminders_twice_in_one_day_sends_once_with_counts_and_links_only(week, caseworker):
    from citizens import cpr

    type(week["overdue"].citizen).objects.filter(pk=week["overdue"].citizen_id).update(
        cpr_encrypted=cpr.encrypt(CPR_DIGITS), cpr_hash=cpr.lookup_hash(CPR_DIGITS)
    )
    out = StringIO()
    call_command("send_reminders", stdout=out)
    call_command("send_reminders", stdout=out)
    assert "2 påmindelser sendt." in out.getvalue() and "0 påmindelser sendt." in out.getvalue()
    assert sorted(m.to[0] for m in mail.outbox) == ["carl@aarhus.dk", "sara@aarhus.dk"]
    sara = next(m for m in mail.outbox if m.to == ["sara@aarhus.dk"])
    assert "1 opfølgning er forfalden" in sara.body and "1 forløb starter" in sara.body
    assert "1 forslag har ikke rørt sig" in sara.body
    assert settings.PUBLIC_BASE_URL + "/agenda/" in sara.body
    for secret in (*SECRET_NAME, CPR_DIGITS, CPR_DIGITS[:6], "Bo Start"):
        assert secret not in sara.body and secret not in sara.subject
    assert ReminderSent.objects.filter(user=caseworker, day=TODAY).count() == 1


def test_reminders_skip_those_who_turned_them_off_deactivated_users_and_nothing_due(
    caseworker_client, week, caseworker, colleague, team_lead
):
    team_lead.email = "tl@aarhus.dk"
    team_lead.save()  # nothing due for the team lead's own caseload
    caseworker_client.post(reverse("matching:agenda_reminders"), {})  # checkbox off
    colleague.is_active = False
    colleague.save()
    assert reminders.reminders_send(today=TODAY) == 0
    assert mail.outbox == []
    caseworker_client.post(reverse("matching:agenda_reminders"), {"reminders": "on"})
    assert reminders.reminders_send(today=TODAY) == 1


@pytest.mark.django_db(transaction=True)
def test_the_real_worker_sends_the_queued_reminder(
    reference_data, settings, jobcenter, caseworker, colleague
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    caseworker.email = "sara@aarhus.dk"
    caseworker.save()
    placement = make_placement(
        citizen=make_citizen(jobcenter=jobcenter, caseworker=caseworker),
        enterprise=make_enterprise(),
        by=caseworker,
        status="active",
    )
    Placement.objects.filter(pk=placement.pk).update(follow_up_date=TODAY - timedelta(days=1))
    call_command("send_reminders", stdout=StringIO())
    assert mail.outbox == [] and DBTaskResult.objects.count() == 1
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert [m.to for m in mail.outbox] == [["sara@aarhus.dk"]]


# --- calendar feed --------------------------------------------------------------------------------
def _new_feed(client) -> str:
    html = client.post(reverse("matching:calendar_token"), {"action": "new"}).content.decode()
    start = html.index("/agenda/calendar/") + len("/agenda/calendar/")
    return html[start : html.index(".ics", start)]


def test_the_feed_lists_follow_ups_by_placement_number_and_enterprise_never_the_citizen(
    caseworker_client, client, week
):
    token = _new_feed(caseworker_client)
    response = client.get(reverse("matching:calendar_feed", args=[token]))  # no login
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert f"forløb nr. {week['overdue'].pk} hos Café Kompasset" in body
    assert "BEGIN:VEVENT" in body and (TODAY - timedelta(days=2)).strftime("%Y%m%d") in body
    for secret in (*SECRET_NAME, "Bo Slut"):
        assert secret not in body
    assert f"nr. {week['theirs'].pk} " not in body  # a colleague's placement


def test_the_token_is_shown_once_stored_hashed_and_dies_when_revoked_renewed_or_deactivated(
    caseworker_client, client, caseworker, week
):
    token = _new_feed(caseworker_client)
    settings_row = reminders.settings_for(caseworker)
    assert token not in settings_row.calendar_token_hash and len(settings_row.calendar_token_hash) == 64
    assert token not in caseworker_client.get(reverse("matching:agenda")).content.decode()
    url = reverse("matching:calendar_feed", args=[token])
    newer = _new_feed(caseworker_client)
    assert client.get(url).status_code == 404
    url = reverse("matching:calendar_feed", args=[newer])
    assert client.get(url).status_code == 200
    caseworker.is_active = False
    caseworker.save()
    assert client.get(url).status_code == 404
    caseworker.is_active = True
    caseworker.save()
    caseworker_client.post(reverse("matching:calendar_token"), {"action": "revoke"})
    assert client.get(url).status_code == 404
    assert client.get(reverse("matching:calendar_feed", args=["gaet"])).status_code == 404


def test_feed_tokens_are_masked_in_log_lines():
    assert mask_path("/agenda/calendar/AbC-123_x.ics") == "/agenda/calendar/***.ics"
