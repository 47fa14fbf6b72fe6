"""The home page's "needs your attention" figures. A composing feature: it sits above every app;
each figure is one COUNT query through the apps' own queryset methods and links to the filtered list."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from citizens.models import Citizen
from enterprises.models import CorrectionSuggestion, Enterprise, EnterpriseStatus
from enterprises.verify import selectors as verification_selectors
from matching.models import Placement
from portal.core import access
from portal.core.models import User


@dataclass(frozen=True)
class Figure:
    label: str | Promise
    count: int
    url: str
    attention: bool = False  # highlighted when count > 0


def figures_for(user: User) -> list[Figure]:
    if access.is_jobcenter_staff(user):
        return _jobcenter_figures(user)
    if access.can_curate_register(user):
        return _register_figures()
    return []


def _jobcenter_figures(user: User) -> list[Figure]:
    team = access.is_team_lead(user)
    citizens = access.scope_to_jobcenter(user, Citizen.objects.all()).open()
    placements = access.scope_to_jobcenter(user, Placement.objects.all(), field="citizen__jobcenter")
    scope = "all" if team else "mine"
    if not team:
        citizens = citizens.of_caseworker(user)
        placements = placements.of_caseworker(user)
    placements_url = reverse("matching:placements") + f"?scope={scope}"
    return [
        Figure(
            _("Åbne sager i jobcentret") if team else _("Mine åbne sager"),
            citizens.count(),
            reverse("citizens:list") + ("?scope=all" if team else ""),
        ),
        Figure(_("Åbne forløb"), placements.open().count(), placements_url),
        Figure(
            _("Overskredne opfølgninger"),
            placements.follow_up_overdue().count(),
            placements_url + "&flag=overdue",
            attention=True,
        ),
        Figure(
            _("Forslag uden bevægelse i 14 dage"),
            placements.stale().count(),
            placements_url + "&flag=stale",
            attention=True,
        ),
    ]


def _register_figures() -> list[Figure]:
    enterprises = reverse("enterprises:list")
    return [
        Figure(_("Aktive virksomheder"), Enterprise.objects.active().count(), enterprises),
        Figure(
            _("Ikke verificeret i 12 måneder"),
            Enterprise.objects.exclude(status=EnterpriseStatus.ARCHIVED).stale().count(),
            enterprises + "?stale=on",
            attention=True,
        ),
        Figure(
            _("Skal ringes op"),
            verification_selectors.queue("call").count(),
            reverse("enterprises:verification") + "?tab=call",
            attention=True,
        ),
        Figure(
            _("Åbne rettelsesforslag"),
            CorrectionSuggestion.objects.open().count(),
            reverse("enterprises:corrections"),
            attention=True,
        ),
    ]
