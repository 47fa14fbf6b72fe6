"""The main menu: what each role may use. Entries whose page does not exist yet are left out."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from portal.core import access
from portal.core.models import User


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    allowed: Callable[[User], bool]
    description: str | Promise = ""


MENU: tuple[NavItem, ...] = (
    NavItem(
        _("Virksomheder"),
        "enterprises:list",
        access.can_browse_register,
        _("Find socialøkonomiske virksomheder efter sted, målgruppe og ledige pladser."),
    ),
    NavItem(
        _("Borgere"),
        "citizens:list",
        access.can_access_citizens,
        _("Dit jobcenters borgersager: profil, samtykke og notater."),
    ),
    NavItem(
        _("Min uge"),
        "matching:agenda",
        access.is_jobcenter_staff,
        _("Opfølgninger, starter og slutter denne og næste uge, og forslag der står stille."),
    ),
    NavItem(
        _("Forløb"), "matching:placements", access.can_match, _("Foreslåede og aktive forløb med opfølgning.")
    ),
    NavItem(
        _("Statistik"),
        "matching:statistics",
        access.can_view_statistics,
        _("Resultater af forløbene: i job, uddannelse og ventetider."),
    ),
    NavItem(
        _("Flyer"),
        "flyer:preview",
        lambda user: user.is_authenticated,
        _("Seks gode grunde til at arbejde med socialøkonomiske virksomheder, som PDF."),
    ),
    NavItem(
        _("Rettelser"),
        "enterprises:corrections",
        access.can_curate_register,
        _("Rettelsesforslag til registeret fra jobcentrene."),
    ),
    NavItem(
        _("Verifikation"),
        "enterprises:verification",
        access.can_curate_register,
        _("Virksomheder, der skal bekræfte deres oplysninger, og dem, der skal ringes op."),
    ),
    NavItem(
        _("Log"),
        "audit:list",
        access.can_view_audit_log,
        _("Hvem har læst og ændret hvad i jobcentrets sager."),
    ),
    NavItem(
        _("Brugere"),
        "accounts:users",
        access.can_manage_users,
        _("Invitér, deaktivér og skift rolle for medarbejdere; flyt sager til en kollega."),
    ),
    NavItem(
        _("Jobcentre"),
        "accounts:jobcenters",
        access.can_manage_jobcenters,
        _("Jobcentre og de kommuner, de betjener."),
    ),
    NavItem(
        _("Kommuner"),
        "accounts:municipalities",
        access.can_manage_jobcenters,
        _("Kommunernes CVR-numre til login gennem kommunen."),
    ),
    NavItem(
        _("Låste logins"),
        "accounts:lockouts",
        access.can_view_lockouts,
        _("Konti og adresser, der er låst efter for mange forkerte adgangskoder."),
    ),
    NavItem(
        _("Sikkerhedslog"),
        "audit:security",
        access.can_view_security_log,
        _("Forsøg på at åbne andre jobcentres sager."),
    ),
    NavItem(
        _("Fejlede job"),
        "ops:failed_jobs",
        access.can_view_failed_jobs,
        _("Baggrundsjob, der er opgivet, fx e-mails der ikke kunne sendes."),
    ),
)


def menu_for(user: User, current_path: str = "") -> list[dict]:
    """The user's menu; at most one item is current: the one whose address is the longest prefix of
    the page's (/enterprises/corrections/ is "Rettelser", not also "Virksomheder")."""
    items = []
    for item in MENU:
        if not item.allowed(user):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        items.append({"label": item.label, "url": url, "description": item.description, "active": False})
    matching = [entry for entry in items if current_path and current_path.startswith(entry["url"])]
    if matching:
        max(matching, key=lambda entry: len(entry["url"]))["active"] = True
    return items
