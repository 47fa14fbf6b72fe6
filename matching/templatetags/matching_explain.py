"""`{% for line in match.components|score_lines %}`: the points of each criterion (matching/explain.py)."""

from django import template

from matching.explain import ScoreLine
from matching.explain import score_lines as _score_lines

register = template.Library()


@register.filter
def score_lines(components) -> list[ScoreLine]:
    return _score_lines(list(components))
