"""Describing audit events in Danish without personal data (the audit pages and the access report)."""

from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from portal.core.models import AuditEvent

# Pages other than the detail page that show a case (CITIZEN_VIEW with detail {"page": ...}).
CASE_PAGES = {
    "edit": gettext_lazy("retteside"),
    "close": gettext_lazy("afslutningsside"),
    "reassign": gettext_lazy("side for flytning af sag"),
    "note": gettext_lazy("notatformular"),
    "propose": gettext_lazy("side for forslag om forløb"),
}


def event_summary(event: AuditEvent) -> str:
    """A short, CPR-free description of the event's details."""
    detail = event.detail or {}
    parts = []
    if "ids" in detail:
        count = len(detail["ids"])
        parts.append(ngettext("%(n)s borger vist", "%(n)s borgere vist", count) % {"n": count})
    if detail.get("search"):
        parts.append(_("søgning: %(term)s") % {"term": detail["search"]})
    if detail.get("fields"):
        parts.append(_("felter: %(fields)s") % {"fields": ", ".join(detail["fields"])})
    if isinstance(detail.get("created"), list):  # an import names the CVRs it created and changed
        parts.append(
            _("%(created)s oprettet, %(changed)s ændret")
            % {"created": len(detail["created"]), "changed": len(detail.get("changed", []))}
        )
    page = detail.get("page")
    if isinstance(page, str) and page in CASE_PAGES:
        parts.append(str(CASE_PAGES[page]))
    if detail.get("format"):
        parts.append(str(detail["format"]).upper())
    return "; ".join(parts)


def with_summaries(events: Iterable[AuditEvent]) -> list[AuditEvent]:
    events = list(events)
    for event in events:
        event.summary = event_summary(event)
    return events
