"""Every statistics table for a user and a period: {slug: (title, header, rows)}. The same rows feed the
page (chart and table), the CSV file and the Excel file."""

from django.utils.translation import gettext as _

from enterprises.models import EnterpriseKind
from matching import period_statistics as ps
from matching.statistics import Statistics, placements_in_scope, statistics_for
from portal.core.access import is_admin, is_team_lead
from portal.core.models import PlacementType, TargetGroup, User

Tables = dict[str, tuple[str, list[str], list[tuple]]]


def _breakdown_header(first: str) -> list[str]:
    return [first, _("Afsluttede"), _("I job eller uddannelse"), _("Andel")]


def tables_for(user: User, period: ps.Period) -> tuple[Statistics, Tables]:
    stats = statistics_for(user, since=period.start, until=period.end)
    national = is_admin(user)
    placements = placements_in_scope(user)
    groups = dict(TargetGroup.objects.values_list("code", "label"))
    types = dict(PlacementType.objects.values_list("code", "label"))
    tables: Tables = {
        "status": (
            _("Forløb efter status (nu)"),
            [_("Status"), _("Antal")],
            _suppress(stats.by_status, national),
        ),
        "outcomes": (
            _("Resultater i perioden"),
            [_("Resultat"), _("Antal")],
            _suppress(stats.outcomes, national),
        ),
        "trend": (
            _("Udvikling måned for måned"),
            [_("Måned"), _("Startet"), _("Afsluttede"), _("I job eller uddannelse")],
            ps.trend(placements, period, national),
        ),
        "target-groups": (
            _("Efter målgruppe"),
            _breakdown_header(_("Målgruppe")),
            ps.breakdown(placements, period, "citizen__target_group_id", groups, suppress=True),
        ),
        "types": (
            _("Efter forløbstype"),
            _breakdown_header(_("Forløbstype")),
            ps.breakdown(placements, period, "placement_type_id", types, national),
        ),
        "enterprise-kinds": (
            _("Efter virksomhedstype"),
            _breakdown_header(_("Virksomhedstype")),
            ps.breakdown(placements, period, "enterprise__kind", dict(EnterpriseKind.choices), national),
        ),
        "extensions": (
            _("Forlængelser"),
            [_("Forlængelser"), _("Antal")],
            ps.extensions(placements, period, national),
        ),
        "free-places": (
            _("Ledige pladser efter forløbstype (nu)"),
            [_("Forløbstype"), _("Ledige"), _("Pladser i alt")],
            stats.free_places,
        ),
    }
    if is_team_lead(user):
        staff = {u.pk: u.display_name for u in User.objects.filter(jobcenter_id=user.jobcenter_id)}
        tables["caseworkers"] = (
            _("Efter sagsbehandler"),
            _breakdown_header(_("Sagsbehandler")),
            ps.breakdown(placements, period, "citizen__caseworker_id", staff, suppress=True),
        )
    if stats.top_enterprises is not None:
        tables["enterprises"] = (
            _("Mest brugte virksomheder"),
            [_("Virksomhed"), _("Forløb")],
            stats.top_enterprises,
        )
    return stats, tables


def _suppress(rows: list[tuple], suppress: bool) -> list[tuple]:
    return [(label, ps.shown(n, suppress)) for label, n in rows]
