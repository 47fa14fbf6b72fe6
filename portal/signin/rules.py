"""What an identity provider's answer means for the portal: pure rules, each refusal a Danish reason."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from portal.core.models import Role
from portal.signin.oiobpp import Grant

# The role values a provider may assert (privilege URI suffix or OIDC claim value) → portal role.
ROLE_BY_VALUE: dict[str, str] = {
    "sagsbehandler": Role.CASEWORKER,
    "teamleder": Role.TEAM_LEAD,
    "registeradministrator": Role.ADMIN,
    "systemadministrator": Role.SYSTEM_ADMIN,
}


class SignInRefused(Exception):
    """The provider vouched for the person, but not for a usable role or jobcenter."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Claimed:
    """A role and the municipalities the provider placed it in (codes or CVR numbers, see `by_cvr`)."""

    role: str
    municipalities: frozenset[str]
    by_cvr: bool


def single_role(values: Iterable[str]) -> str:
    known = {ROLE_BY_VALUE[value] for value in values if value in ROLE_BY_VALUE}
    if not known:
        raise SignInRefused(
            _("Din bruger har ingen gyldig rolle i Brobygger hos kommunens identitetsudbyder.")
        )
    if len(known) > 1:
        raise SignInRefused(
            _(
                "Din bruger har mere end én rolle i Brobygger hos kommunens identitetsudbyder. Der må kun være én."
            )
        )
    return known.pop()


def saml_claimed(grants: list[Grant], *, prefix: str) -> Claimed:
    """OIO-BPP: privileges `<prefix><role value>`, each group scoped to a municipality's CVR number.
    Privileges of other systems (another prefix) are none of our business."""
    ours = [(g.privilege[len(prefix) :], g.cvr) for g in grants if g.privilege.startswith(prefix)]
    role = single_role(value for value, _cvr in ours)
    cvrs = {cvr for value, cvr in ours if ROLE_BY_VALUE.get(value) == role}
    if None in cvrs:
        raise SignInRefused(_("Rettigheden til Brobygger er ikke knyttet til en kommune (CVR-nummer)."))
    return Claimed(role=role, municipalities=frozenset(cvrs), by_cvr=True)


def _as_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return [str(value)]


def oidc_claimed(
    claims: dict, *, role_claim: str, municipality_claim: str, allowed: Iterable[str]
) -> Claimed:
    """OpenID Connect: one role value, and a three-digit municipality code this issuer may speak for."""
    role = single_role(_as_list(claims.get(role_claim)))
    codes = {code.strip().zfill(3) for code in _as_list(claims.get(municipality_claim)) if code.strip()}
    if not codes:
        raise SignInRefused(_("Identitetsudbyderen oplyste ikke din kommune."))
    outside = codes - set(allowed)
    if outside:
        raise SignInRefused(
            _("Identitetsudbyderen må ikke give adgang for kommune %(codes)s.")
            % {"codes": ", ".join(sorted(outside))}
        )
    return Claimed(role=role, municipalities=frozenset(codes), by_cvr=False)
