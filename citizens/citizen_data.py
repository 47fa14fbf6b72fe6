"""What `citizens` itself holds about a person, in the citizen data contract (portal/core/citizen_data.py):
the case's facts, its notes and the log of who read or changed it. Registered in CitizensConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from citizens import cpr as cprlib
from citizens.models import CaseNote, Citizen
from citizens.selectors import citizen_access_events
from portal.core.citizen_data import CitizenData, ExportSection

CITIZEN_LABELS = {
    "id": _("Sagsnummer"),
    "cpr": _("CPR-nummer"),
    "birth_date": _("Fødselsdato"),
    "first_name": _("Fornavn"),
    "last_name": _("Efternavn"),
    "phone": _("Telefon"),
    "email": _("E-mail"),
    "postcode": _("Postnummer"),
    "jobcenter": _("Jobcenter"),
    "caseworker": _("Sagsbehandler"),
    "target_group": _("Målgruppe"),
    "status": _("Status"),
    "closed_at": _("Afsluttet"),
    "closed_reason": _("Årsag til afslutning"),
    "max_travel_km": _("Maks. transport (km)"),
    "hours_per_week": _("Timer pr. uge"),
    "wanted_placement_types": _("Ønskede forløbstyper"),
    "preferred_industries": _("Foretrukne brancher"),
    "competences": _("Kompetencer og interesser"),
    "challenge_areas": _("Udfordringer"),
    "considerations": _("Skånehensyn"),
    "needs_social_support": _("Behov for socialfaglig støtte"),
    "needs_mentor": _("Behov for mentor"),
    "consent_given": _("Samtykke til at dele oplysninger med virksomhed"),
    "consent_method": _("Samtykke givet"),
    "consent_date": _("Samtykkedato"),
    "created_at": _("Oprettet"),
    "updated_at": _("Ændret"),
    "anonymised_at": _("Anonymiseret"),
}
NOTE_LABELS = {"created_at": _("Oprettet"), "kind": _("Type"), "author": _("Forfatter"), "text": _("Tekst")}
ACCESS_LABELS = {
    "at": _("Tidspunkt"),
    "user": _("Bruger"),
    "action": _("Handling"),
    "ip": _("IP-adresse"),
}


def _person(citizen: Citizen) -> dict:
    cpr = cprlib.decrypt(citizen.cpr_encrypted)
    return {
        "id": citizen.pk,
        "cpr": cprlib.format_cpr(cpr) if cpr else "",
        "birth_date": citizen.birth_date,
        "first_name": citizen.first_name,
        "last_name": citizen.last_name,
        "phone": citizen.phone,
        "email": citizen.email,
        "postcode": str(citizen.postcode) if citizen.postcode else "",
        "jobcenter": citizen.jobcenter.name,
        "caseworker": citizen.caseworker.display_name,
        "target_group": citizen.target_group.label if citizen.target_group else "",
        "status": citizen.get_status_display(),
        "closed_at": citizen.closed_at,
        "closed_reason": citizen.closed_reason,
        "max_travel_km": citizen.max_travel_km,
        "hours_per_week": citizen.hours_per_week,
        "wanted_placement_types": [p.label for p in citizen.wanted_placement_types.all()],
        "preferred_industries": [str(i) for i in citizen.preferred_industries.all()],
        "competences": citizen.competences,
        "challenge_areas": [c.label for c in citizen.challenge_areas.all()],
        "considerations": citizen.considerations,
        "needs_social_support": citizen.needs_social_support,
        "needs_mentor": citizen.needs_mentor,
        "consent_given": citizen.consent_given,
        "consent_method": citizen.get_consent_method_display() if citizen.consent_method else "",
        "consent_date": citizen.consent_date,
        "created_at": citizen.created_at,
        "updated_at": citizen.updated_at,
        "anonymised_at": citizen.anonymised_at,
    }


def export(citizen: Citizen) -> list[ExportSection]:
    """The case, its notes and its access log. The only place the CPR number leaves the case in clear."""
    citizen = (
        Citizen.objects.select_related("caseworker", "jobcenter", "postcode", "target_group")
        .prefetch_related("wanted_placement_types", "preferred_industries", "challenge_areas")
        .get(pk=citizen.pk)
    )
    notes = [
        {
            "id": note.pk,
            "created_at": note.created_at,
            "kind": note.get_kind_display(),
            "author": note.author.display_name,
            "text": note.text,
        }
        for note in citizen.notes.select_related("author").order_by("created_at", "pk")
    ]
    access = [
        {
            "at": event.at,
            "user": event.actor.display_name if event.actor else event.actor_label,
            "action": event.action_label,
            "ip": event.ip or "",
        }
        for event in citizen_access_events(citizen=citizen)
    ]
    return [
        ExportSection(
            "citizen",
            _("Registrerede oplysninger"),
            [_person(citizen)],
            CITIZEN_LABELS,
            ("citizens.Citizen",),
            single=True,
        ),
        ExportSection(
            "case_notes", _("Notater"), notes, {"id": _("Nr."), **NOTE_LABELS}, ("citizens.CaseNote",)
        ),
        ExportSection("access_log", _("Adgangslog"), access, ACCESS_LABELS),
    ]


def erase(citizen_ids: list[int]) -> None:
    """Note texts are free text about the person; the notes' dates and kinds stay for the case history.
    (The case's own fields are anonymised by citizens.services.citizens_purge_closed.)"""
    CaseNote.objects.filter(citizen_id__in=citizen_ids).exclude(text="").update(text="")


CONTRIBUTION = CitizenData(name="citizens", order=0, export=export, erase=erase)
