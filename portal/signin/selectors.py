"""Reads for sign-in: which jobcenter a provider's municipalities point to."""

from django.conf import settings
from django.utils.translation import gettext as _

from portal.core.models import JOBCENTER_ROLES, Jobcenter, Municipality
from portal.signin.rules import Claimed, SignInRefused


def _municipalities(claimed: Claimed) -> list[Municipality]:
    lookup = "cvr__in" if claimed.by_cvr else "code__in"
    found = list(Municipality.objects.filter(**{lookup: claimed.municipalities}))
    known = {m.cvr if claimed.by_cvr else m.code for m in found}
    unknown = sorted(claimed.municipalities - known)
    if unknown:
        raise SignInRefused(
            _("Kommunen %(ids)s er ikke kendt i Brobygger. En systemadministrator skal registrere den.")
            % {"ids": ", ".join(unknown)}
        )
    return found


def assignment_for(claimed: Claimed) -> tuple[str, Jobcenter | None]:
    """The (role, jobcenter) a claim gives, or SignInRefused. Register and system administrators have
    no jobcenter and act nationally, so one municipality's provider may not hand them out on its own:
    only the municipalities in SIGNIN_NATIONAL_ROLE_MUNICIPALITIES (CVR numbers or codes) may."""
    municipalities = _municipalities(claimed)
    if claimed.role not in JOBCENTER_ROLES:
        trusted = set(settings.SIGNIN_NATIONAL_ROLE_MUNICIPALITIES)
        if not claimed.municipalities or not claimed.municipalities <= trusted:
            raise SignInRefused(
                _(
                    "Rollen som register- eller systemadministrator gælder hele landet og kan ikke gives "
                    "gennem din kommunes login. Kontakt Brobyggers systemadministrator."
                )
            )
        return claimed.role, None
    jobcenters = list(Jobcenter.objects.filter(municipalities__in=municipalities).distinct()[:2])
    if not jobcenters:
        raise SignInRefused(_("Ingen jobcentre i Brobygger betjener din kommune endnu."))
    if len(jobcenters) > 1:
        raise SignInRefused(
            _("Din bruger har rettigheder i mere end ét jobcenter. Der må kun være ét: kontakt din kommune.")
        )
    return claimed.role, jobcenters[0]
