"""Detail-page panels: lets a later app show its part on another app's page without imports.

`matching` registers e.g. a "placements" panel for the citizen detail page in its AppConfig.ready();
the citizen template renders `{% panels "citizen_detail" citizen %}`. So `citizens` and `enterprises`
never import `matching`, yet their pages show its data.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class Panel:
    slot: str
    template_name: str
    # (request, obj) -> extra template context, or None to hide the panel for this user/object.
    get_context: Callable[[HttpRequest, object], dict | None]
    order: int = 100


_PANELS: dict[str, list[Panel]] = {}


def register_panel(
    slot: str, template_name: str, get_context: Callable[[HttpRequest, object], dict | None], order: int = 100
) -> None:
    panels = [p for p in _PANELS.get(slot, []) if p.template_name != template_name]
    panels.append(Panel(slot, template_name, get_context, order))
    _PANELS[slot] = sorted(panels, key=lambda p: p.order)


def panels_for(slot: str) -> list[Panel]:
    return list(_PANELS.get(slot, []))
