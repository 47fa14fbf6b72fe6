"""Writes for "Min uge": the daily reminder e-mail, the reminder choice and the private calendar feed.

Reminders hold counts and links only, never a citizen's name or CPR number: e-mail leaves the
jobcenter's systems. Calendar entries name the placement number and enterprise, never the citizen.
"""

import hashlib
import secrets
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from icalendar import Calendar, Event

from matching.agenda import calendar_placements, reminder_counts
from matching.models import AgendaSettings, ReminderSent
from portal.core.jobs import send_email_later
from portal.core.models import User


def settings_for(user: User) -> AgendaSettings:
    return AgendaSettings.objects.get_or_create(user=user)[0]


def reminders_set(*, user: User, enabled: bool) -> None:
    AgendaSettings.objects.update_or_create(user=user, defaults={"reminders_enabled": enabled})


def _lines(counts: dict[str, int]) -> list[str]:
    texts = {
        "follow_ups": ngettext(
            "%(n)s opfølgning er forfalden eller skal holdes inden for 7 dage",
            "%(n)s opfølgninger er forfaldne eller skal holdes inden for 7 dage",
            counts["follow_ups"],
        ),
        "starting": ngettext(
            "%(n)s forløb starter inden for 14 dage",
            "%(n)s forløb starter inden for 14 dage",
            counts["starting"],
        ),
        "ending": ngettext(
            "%(n)s forløb slutter inden for 14 dage",
            "%(n)s forløb slutter inden for 14 dage",
            counts["ending"],
        ),
        "stale": ngettext(
            "%(n)s forslag har ikke rørt sig i 14 dage",
            "%(n)s forslag har ikke rørt sig i 14 dage",
            counts["stale"],
        ),
    }
    return [f"- {text % {'n': counts[name]}}" for name, text in texts.items() if counts[name]]


def reminder_body(counts: dict[str, int]) -> str:
    base = settings.PUBLIC_BASE_URL.rstrip("/")
    return "\n".join(
        [
            _("Goddag"),
            "",
            _("Det venter på dig i Brobygger:"),
            *_lines(counts),
            "",
            _("Se detaljerne i Min uge: %(url)s") % {"url": base + reverse("matching:agenda")},
            "",
            _(
                "Du får denne e-mail, fordi du har daglige påmindelser slået til. Slå dem fra i Min uge: %(url)s"
            )
            % {"url": base + reverse("matching:agenda") + "#indstillinger"},
        ]
    )


def reminders_send(*, today: date | None = None) -> int:
    """One e-mail per active user with something due and reminders on, at most once per day."""
    today = today or timezone.localdate()
    counts = reminder_counts(today=today)
    opted_out = set(AgendaSettings.objects.filter(reminders_enabled=False).values_list("user_id", flat=True))
    already = set(ReminderSent.objects.filter(day=today).values_list("user_id", flat=True))
    users = User.objects.filter(pk__in=set(counts) - opted_out - already, is_active=True).exclude(email="")
    sent = 0
    for user in users.order_by("pk"):
        try:
            with transaction.atomic():
                # The row first: a second run the same day (or a parallel one) hits the unique constraint.
                ReminderSent.objects.create(user=user, day=today, counts=counts[user.pk])
                send_email_later(
                    to=[user.email],
                    subject=_("Brobygger: det venter på dig i dag"),
                    body=reminder_body(counts[user.pk]),
                )
        except IntegrityError:
            continue
        sent += 1
    return sent


# --- Calendar feed ---------------------------------------------------------------------------------------
def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def calendar_token_create(*, user: User) -> str:
    """A new private feed token (the old one stops working). Returned once; only its hash is kept."""
    token = secrets.token_urlsafe(32)
    AgendaSettings.objects.update_or_create(
        user=user,
        defaults={"calendar_token_hash": token_hash(token), "calendar_token_created_at": timezone.now()},
    )
    return token


def calendar_token_revoke(*, user: User) -> None:
    AgendaSettings.objects.filter(user=user).update(calendar_token_hash="", calendar_token_created_at=None)


def calendar_user(token: str) -> User | None:
    """The active user owning this token, else None (unknown, revoked, or the user is deactivated)."""
    if not token:
        return None
    found = (
        AgendaSettings.objects.filter(calendar_token_hash=token_hash(token), user__is_active=True)
        .select_related("user")
        .first()
    )
    return found.user if found else None


def calendar_ics(*, user: User) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Brobygger//Min uge//DA")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Brobygger – opfølgninger"))
    stamp = timezone.now()
    for placement in calendar_placements(user=user):
        event = Event()
        event.add("uid", f"placement-{placement.pk}-follow-up@brobygger")
        event.add("dtstamp", stamp)
        event.add("dtstart", placement.follow_up_date)
        event.add(
            "summary",
            _("Opfølgning: forløb nr. %(number)s hos %(enterprise)s")
            % {"number": placement.pk, "enterprise": placement.enterprise.name},
        )
        event.add(
            "url",
            settings.PUBLIC_BASE_URL.rstrip("/") + reverse("matching:placement_detail", args=[placement.pk]),
        )
        calendar.add_component(event)
    return calendar.to_ical()
