"""Statistics for a period (from / to, default the last 12 months): monthly trend, breakdowns, extensions.

Counted from placements and their events in one grouped query per table, whatever the history.
"Finished" = completed with an actual end date in the period; "into job or education" = its outcome is
one of GOOD_OUTCOMES (ordinary job, subsidised job, fleksjob, education). Counts from 1 to 4 show as
"< 5" in breakdowns by caseworker or target group and in national figures, so no person can be singled
out; a share built on a hidden count is hidden too.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from matching.models import GOOD_OUTCOMES, EventKind, Outcome, PlacementEvent, PlacementStatus

SUPPRESS_BELOW = 5
HIDDEN = "< 5"

KPI_DEFINITIONS = (
    (
        gettext_lazy("Afsluttede forløb"),
        gettext_lazy("Forløb med status afsluttet og faktisk slutdato i perioden."),
    ),
    (
        gettext_lazy("I job eller uddannelse"),
        gettext_lazy(
            "Afsluttede forløb med resultatet ordinært job, job med løntilskud, fleksjob eller uddannelse."
        ),
    ),
    (
        gettext_lazy("Ordinært job"),
        gettext_lazy("Ansættelse på almindelige løn- og arbejdsvilkår uden tilskud."),
    ),
    (
        gettext_lazy("Job med løntilskud"),
        gettext_lazy("Ansættelse, hvor arbejdsgiveren får løntilskud (LAB kap. 12)."),
    ),
    (gettext_lazy("Uddannelse"), gettext_lazy("Borgeren er startet på en ordinær uddannelse.")),
    (
        gettext_lazy("Forlængelser"),
        gettext_lazy("Forlængelser registreret i perioden med handlingen Forlæng."),
    ),
)


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @classmethod
    def last_12_months(cls, today: date) -> "Period":
        return cls(today - timedelta(days=364), today)

    def label(self) -> str:
        return f"{date_format(self.start, 'j. F Y')} – {date_format(self.end, 'j. F Y')}"


def shown(count: int, suppress: bool) -> int | str:
    return HIDDEN if suppress and 0 < count < SUPPRESS_BELOW else count


def share(good: int, total: int, suppress: bool) -> str:
    if not total or (suppress and (0 < good < SUPPRESS_BELOW or total < SUPPRESS_BELOW)):
        return "–"
    return f"{round(100 * good / total)} %"


def finished_in(placements: QuerySet, period: Period) -> QuerySet:
    return placements.filter(
        status=PlacementStatus.COMPLETED, ended_on__gte=period.start, ended_on__lte=period.end
    )


def _counts(placements: QuerySet, period: Period, group: str) -> list[dict]:
    return list(
        finished_in(placements, period)
        .values(key=F(group))
        .annotate(n=Count("pk"), good=Count("pk", filter=Q(outcome__in=GOOD_OUTCOMES)))
        .order_by("key")
    )


def breakdown(placements, period, group: str, labels: dict, suppress: bool) -> list[tuple]:
    """(label, finished, into job or education, share) per value of `group`."""
    return [
        (
            labels.get(row["key"], row["key"] or _("Ikke angivet")),
            shown(row["n"], suppress),
            shown(row["good"], suppress),
            share(row["good"], row["n"], suppress),
        )
        for row in _counts(placements, period, group)
    ]


def months(period: Period) -> list[date]:
    first, result = period.start.replace(day=1), []
    while first <= period.end:
        result.append(first)
        first = (first + timedelta(days=32)).replace(day=1)
    return result


def trend(placements: QuerySet, period: Period, suppress: bool) -> list[tuple]:
    """Per month: placements started, finished, and finished into job or education."""
    started = dict(
        placements.filter(
            status__in=(PlacementStatus.ACTIVE, PlacementStatus.COMPLETED),
            start_date__gte=period.start,
            start_date__lte=period.end,
        )
        .annotate(month=TruncMonth("start_date"))
        .values_list("month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    finished = {
        row["month"]: row
        for row in finished_in(placements, period)
        .annotate(month=TruncMonth("ended_on"))
        .values("month")
        .annotate(n=Count("pk"), good=Count("pk", filter=Q(outcome__in=GOOD_OUTCOMES)))
        .order_by()
    }
    rows = []
    for month in months(period):
        done = finished.get(month, {"n": 0, "good": 0})
        rows.append(
            (
                date_format(month, "F Y"),
                shown(started.get(month, 0), suppress),
                shown(done["n"], suppress),
                shown(done["good"], suppress),
            )
        )
    return rows


def extensions(placements: QuerySet, period: Period, suppress: bool) -> list[tuple]:
    """Extensions made with the action in the period, and older placements closed as "extended"."""
    made = PlacementEvent.objects.filter(
        placement__in=placements.values("pk"),
        kind=EventKind.EXTENSION,
        at__date__gte=period.start,
        at__date__lte=period.end,
    ).count()
    legacy = finished_in(placements, period).filter(outcome=Outcome.EXTENDED).count()
    return [
        (_("Forlængelser registreret i perioden"), shown(made, suppress)),
        (_('Afsluttet med resultatet "forlænget forløb" (ældre registrering)'), shown(legacy, suppress)),
    ]
