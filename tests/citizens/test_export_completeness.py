"""The export holds everything the portal keeps about a person, and the purge handles all of it.

Walks every model related to Citizen (recursively, through `_meta.related_objects`): each must be
named by an app in the citizen data contract whose section exports it and whose eraser purges it; for
a richly filled case, every stored value of every related row appears in the JSON export, and after
the purge no free text is left in any of them."""

import datetime
import json

import pytest
from django.db import models
from django.urls import reverse
from django.utils import timezone

from citizens import services
from citizens.export import export_json
from citizens.models import CaseNote, Citizen
from matching import services as matching_services
from portal.core.citizen_data import contributions
from portal.core.models import PlacementType
from tests.matching.conftest import make_enterprise, make_placement

pytestmark = pytest.mark.django_db

# Stored for lookup or secrecy, never shown as such: the CPR number is exported formatted instead.
NOT_EXPORTED_AS_STORED = {"cpr_encrypted", "cpr_hash"}


def related_models(model=Citizen, seen=None) -> set[type[models.Model]]:
    seen = set() if seen is None else seen
    for relation in model._meta.related_objects:
        related = relation.related_model
        if related not in seen:
            seen.add(related)
            related_models(related, seen)
    return seen


def related_rows(citizen: Citizen) -> list[models.Model]:
    """Every row reachable from the citizen through reverse relations."""
    rows, frontier = [], [citizen]
    while frontier:
        obj = frontier.pop()
        for relation in obj._meta.related_objects:
            accessor = relation.get_accessor_name()
            for child in getattr(obj, accessor).all():
                rows.append(child)
                frontier.append(child)
    return rows


def shown_values(obj: models.Model) -> list[str]:
    """How each stored value of `obj` is expected to appear in the export's JSON."""
    values = []
    for field in obj._meta.concrete_fields:
        if field.is_relation or field.primary_key or field.name in NOT_EXPORTED_AS_STORED:
            continue
        value = getattr(obj, field.attname)
        if value in (None, "") or isinstance(value, bool):
            continue
        if field.choices:
            value = getattr(obj, f"get_{field.name}_display")()
        elif isinstance(value, datetime.datetime):
            value = timezone.localtime(value).isoformat()
        elif isinstance(value, datetime.date):
            value = value.isoformat()
        values.append(json.dumps(value, ensure_ascii=False).strip('"'))
    return values


@pytest.fixture
def rich_case(jobcenter, caseworker, colleague):
    citizen = services.citizen_create(
        by=caseworker,
        cpr="211062-5629",
        fields={
            "first_name": "Rikke",
            "last_name": "Rasmussen",
            "phone": "12 34 56 78",
            "email": "rikke@example.dk",
            "postcode_id": "8000",
            "target_group_id": "jobafklaring",
            "max_travel_km": 17,
            "hours_per_week": 12,
            "competences": "Bager gerne brød",
            "considerations": "Tåler ikke larm",
            "needs_social_support": True,
            "consent_given": True,
            "consent_method": "signed",
            "consent_date": datetime.date(2026, 1, 5),
            "wanted_placement_types": PlacementType.objects.filter(code="virksomhedspraktik"),
        },
    )
    services.citizen_add_note(citizen=citizen, by=caseworker, kind="note", text="Første samtale gik godt")
    services.citizen_add_note(citizen=citizen, by=colleague, kind="note", text="Ringede om mødetider")
    bakery = make_enterprise(name="Bageriet Brobyg", offers={"virksomhedspraktik": 3})
    done = make_placement(citizen=citizen, enterprise=bakery, by=caseworker, status="completed")
    cancelled = make_placement(citizen=citizen, enterprise=make_enterprise(name="Kaffe & Co"), by=colleague)
    matching_services.placement_transition(
        placement=cancelled, to_status="cancelled", by=colleague, reason="other", note="Borgeren flyttede"
    )
    return citizen, [done, cancelled]


def test_every_model_related_to_a_citizen_is_exported_and_purged_by_some_app(rich_case):
    citizen, _ = rich_case
    exported, erased = set(), set()
    for contribution in contributions():
        named = {label for section in contribution.export(citizen) for label in section.models}
        exported |= named
        if contribution.erase:
            erased |= named
    assert {m._meta.label for m in related_models()} >= {
        "citizens.CaseNote",
        "matching.Placement",
        "matching.PlacementEvent",
    }
    for model in related_models():
        label = model._meta.label
        assert label in exported, f"{label} holds data about a citizen but no export section names it"
        assert label in erased, f"{label} holds data about a citizen but no eraser handles it"


def test_every_row_of_a_rich_case_appears_in_the_export(rich_case):
    citizen, placements = rich_case
    text = export_json(citizen=citizen)
    rows = related_rows(citizen)
    assert {type(r).__name__ for r in rows} == {"CaseNote", "Placement", "PlacementEvent"}
    assert len(rows) == 2 + 2 + 5 + 2  # notes, placements, events (5 to completed, 2 to cancelled)
    for obj in [Citizen.objects.get(pk=citizen.pk), *rows]:
        for value in shown_values(obj):
            assert value in text, f"{type(obj).__name__} {obj.pk}: {value!r} is missing from the export"
    data = json.loads(text)
    assert [p["enterprise"] for p in data["placements"]] == ["Bageriet Brobyg", "Kaffe & Co"]
    assert data["placements"][0]["outcome"] == "Ordinært job"
    assert data["placements"][1]["events"][-1]["note"] == "Borgeren flyttede"


def test_the_purge_leaves_no_free_text_in_any_related_row(rich_case, caseworker):
    citizen, _ = rich_case
    services.citizen_close(citizen=citizen, by=caseworker, reason="Job")
    long_ago = timezone.localdate() - datetime.timedelta(days=900)
    Citizen.objects.filter(pk=citizen.pk).update(closed_at=long_ago)  # closed 900 days ago
    assert services.citizens_purge_closed(older_than_days=365) == [citizen.pk]
    rows = related_rows(Citizen.objects.get(pk=citizen.pk))
    assert len(rows) == 11  # history stays (dates, statuses, outcomes for statistics) ...
    for obj in rows:
        for field in obj._meta.concrete_fields:
            if isinstance(field, models.TextField):  # ... but not one word of free text
                assert getattr(obj, field.attname) == "", f"{type(obj).__name__}.{field.name} kept its text"
    assert not CaseNote.objects.filter(citizen=citizen).exclude(text="").exists()


def test_the_export_page_uses_danish_labels_and_shows_the_placements(rich_case, team_lead_client):
    citizen, _ = rich_case
    html = team_lead_client.get(reverse("citizens:export_html", args=[citizen.pk])).content.decode()
    for label in ("CPR-nummer", "E-mail", "Maks. transport (km)", "Forløb hos virksomheder", "Hændelser"):
        assert label in html
    assert "Bageriet Brobyg" in html and "Borgeren flyttede" in html and "211062-5629" in html
    assert "max_travel_km" not in html


def test_the_json_times_are_copenhagen_time_with_offset(rich_case, team_lead_client):
    citizen, _ = rich_case
    data = json.loads(team_lead_client.get(reverse("citizens:export_json", args=[citizen.pk])).content)
    created = datetime.datetime.fromisoformat(data["citizen"]["created_at"])
    assert created.utcoffset() in (datetime.timedelta(hours=1), datetime.timedelta(hours=2))
    assert data["exported_at"][-6:] in ("+01:00", "+02:00")
    assert data["format_version"] == 1
