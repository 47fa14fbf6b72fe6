"""Server-rendered SVG bar charts: geometry here, markup in `templates/matching/_bar_chart.html`."""

from dataclasses import dataclass

LABEL_WIDTH = 220
BAR_AREA = 360
ROW_HEIGHT = 28
BAR_HEIGHT = 18
VALUE_GAP = 6


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int
    text_y: int
    width: int
    value_x: int


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: list[Bar]
    width: int
    height: int
    label_width: int = LABEL_WIDTH
    bar_height: int = BAR_HEIGHT


def bar_chart(title: str, rows: list[tuple[str, int]]) -> BarChart:
    """Horizontal bars scaled to the largest value (a zero row still shows its label and 0)."""
    top = max((value for _label, value in rows), default=0) or 1
    bars = []
    for index, (label, value) in enumerate(rows):
        y = index * ROW_HEIGHT + 4
        width = round(BAR_AREA * value / top)
        bars.append(
            Bar(
                label=str(label),
                value=value,
                y=y,
                text_y=y + BAR_HEIGHT - 4,
                width=width,
                value_x=LABEL_WIDTH + width + VALUE_GAP,
            )
        )
    return BarChart(
        title=title,
        bars=bars,
        width=LABEL_WIDTH + BAR_AREA + 60,
        height=max(ROW_HEIGHT, len(rows) * ROW_HEIGHT + 8),
    )
