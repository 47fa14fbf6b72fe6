"""The citizen data contract: one registration per app that holds data about a citizen.

Each app registers, in its AppConfig.ready(), a `CitizenData` saying what it contributes:
- `panel`: a template (and its context) on the case page;
- `export`: its section in the access-request export (GDPR art. 15), every row it holds;
- `erase`: what it removes when closed cases are purged (called inside the purge transaction);
- `close_veto`: a Danish reason to refuse closing the case, or None.
So `citizens` never imports the apps built on it, and a new app cannot hold citizen data without
saying how it is exported and erased (tests/citizens/test_export_completeness.py walks the models).
The enterprise page's panels are not about a citizen and stay in portal/core/panels.py.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class ExportSection:
    """One part of the export. `rows` hold plain values (str, int, bool, date, datetime, lists, and
    nested lists of dicts); JSON uses the snake_case keys, the page the Danish `labels`."""

    key: str
    title: str
    rows: list[dict[str, Any]]
    labels: dict[str, str] = field(default_factory=dict)
    # The models whose rows this section exports and whose personal data `erase` handles
    # ("app_label.ModelName"): the completeness test checks every model related to Citizen is named.
    models: tuple[str, ...] = ()
    single: bool = False  # one row, exported as an object rather than a list (the person's own facts)


@dataclass(frozen=True)
class CitizenData:
    name: str
    order: int = 100
    panel_template: str | None = None
    # (request, citizen) -> template context, or None to hide the panel for this user or case.
    panel_context: Callable[[HttpRequest, Any], dict | None] | None = None
    export: Callable[[Any], Iterable[ExportSection]] | None = None
    erase: Callable[[list[int]], None] | None = None
    close_veto: Callable[[Any], str | None] | None = None


_REGISTRY: dict[str, CitizenData] = {}


def register_citizen_data(contribution: CitizenData) -> None:
    """Register (or replace, by name) an app's contribution."""
    _REGISTRY[contribution.name] = contribution


def unregister_citizen_data(name: str) -> None:
    _REGISTRY.pop(name, None)


def contributions() -> list[CitizenData]:
    return sorted(_REGISTRY.values(), key=lambda c: (c.order, c.name))


def case_panels(request: HttpRequest, citizen) -> list[tuple[str, dict]]:
    """(template, context) for each panel shown on this case page for this user."""
    panels = []
    for contribution in contributions():
        if contribution.panel_template and contribution.panel_context:
            context = contribution.panel_context(request, citizen)
            if context is not None:
                panels.append((contribution.panel_template, context))
    return panels


def export_sections(citizen) -> list[ExportSection]:
    return [section for c in contributions() if c.export for section in c.export(citizen)]


def erase_citizens(citizen_ids: list[int]) -> None:
    """Called by the purge inside its transaction: each app removes what it holds about these people."""
    for contribution in contributions():
        if contribution.erase:
            contribution.erase(citizen_ids)


def close_refusals(citizen) -> list[str]:
    """Reasons (Danish) other apps give for refusing to close this case; empty: it may close."""
    refusals = []
    for contribution in contributions():
        if contribution.close_veto:
            message = contribution.close_veto(citizen)
            if message:
                refusals.append(str(message))
    return refusals
