"""`manage.py deactivate_inactive_users --days 90`, for a daily timer."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from portal.core.models import AuditAction, AuditEvent, Role, User
from tests.conftest import make_user


def aged(user: User, *, last_login_days: int | None, joined_days: int = 400) -> User:
    now = timezone.now()
    User.objects.filter(pk=user.pk).update(
        last_login=now - timedelta(days=last_login_days) if last_login_days is not None else None,
        date_joined=now - timedelta(days=joined_days),
    )
    return user


def run(days="90") -> str:
    out = StringIO()
    call_command("deactivate_inactive_users", "--days", days, stdout=out)
    return out.getvalue()


def test_it_deactivates_those_who_stopped_signing_in_and_keeps_the_rest(jobcenter):
    stale = aged(make_user("gammel", Role.CASEWORKER, jobcenter), last_login_days=91)
    never = aged(make_user("aldrig", Role.CASEWORKER, jobcenter), last_login_days=None)
    new = aged(make_user("ny", Role.CASEWORKER, jobcenter), last_login_days=None, joined_days=3)
    recent = aged(make_user("aktiv", Role.TEAM_LEAD, jobcenter), last_login_days=10)
    glass = make_user("noed", Role.SYSTEM_ADMIN, None)
    glass.is_break_glass = True
    glass.save()
    aged(glass, last_login_days=365)

    assert "2 brugere deaktiveret" in run()

    active = dict(User.objects.values_list("username", "is_active"))
    assert active == {"gammel": False, "aldrig": False, "ny": True, "aktiv": True, "noed": True}
    events = AuditEvent.objects.filter(action=AuditAction.USER_DEACTIVATE)
    assert sorted(events.values_list("target_id", flat=True)) == sorted([stale.pk, never.pk])
    assert {e.jobcenter_id for e in events} == {jobcenter.pk}
    assert new.pk and recent.pk


def test_running_it_twice_changes_nothing_more(jobcenter):
    aged(make_user("gammel", Role.CASEWORKER, jobcenter), last_login_days=200)
    run()
    assert "0 brugere deaktiveret" in run()
    assert AuditEvent.objects.filter(action=AuditAction.USER_DEACTIVATE).count() == 1
