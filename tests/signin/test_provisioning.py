"""Users provisioned from what an identity provider asserts: keyed on (issuer, subject), refreshed and
audited at every sign-in, refused (and deactivated) without a valid role or jobcenter."""

import pytest

from portal.core.models import AuditAction, AuditEvent, Role, User
from portal.signin.models import ExternalIdentity
from portal.signin.rules import Claimed, SignInRefused
from portal.signin.services import Profile, external_sign_in
from tests.signin.fixtures import AARHUS_CVR, KOEBENHAVN_CVR, ODENSE_CVR

ISSUER = "https://idp.kommune.dk"
pytestmark = pytest.mark.usefixtures("municipality_cvrs")


def sign_in(subject="abc-123", role=Role.CASEWORKER, cvrs=(AARHUS_CVR,), **profile):
    profile = Profile(
        **({"first_name": "Karen", "last_name": "Kommune", "email": "karen@aarhus.dk"} | profile)
    )
    claimed = Claimed(role=role, municipalities=frozenset(cvrs), by_cvr=True)
    return external_sign_in(issuer=ISSUER, subject=subject, profile=profile, claimed=claimed, ip="10.0.0.7")


def actions() -> list[str]:
    return list(AuditEvent.objects.order_by("id").values_list("action", flat=True))


def test_the_first_sign_in_creates_the_user_in_the_jobcenter_serving_the_municipality(jobcenter):
    user = sign_in()
    assert (user.role, user.jobcenter, user.get_full_name(), user.email) == (
        Role.CASEWORKER, jobcenter, "Karen Kommune", "karen@aarhus.dk",
    )  # fmt: skip
    assert not user.has_usable_password()
    assert ExternalIdentity.objects.get(user=user).subject == "abc-123"
    assert user.is_managed_by_provider
    event = AuditEvent.objects.get(action=AuditAction.USER_PROVISIONED)
    assert (event.target_id, event.ip, event.jobcenter) == (user.pk, "10.0.0.7", jobcenter)


def test_it_never_matches_an_existing_user_by_username_or_email(caseworker):
    caseworker.email = "karen@aarhus.dk"
    caseworker.save()
    user = sign_in(email="karen@aarhus.dk")
    assert user.pk != caseworker.pk
    assert User.objects.filter(email="karen@aarhus.dk").count() == 2


def test_the_same_subject_from_another_issuer_is_another_person():
    first = sign_in()
    other = external_sign_in(
        issuer="https://other-idp.dk", subject="abc-123", profile=Profile(email="x@y.dk"),
        claimed=Claimed(role=Role.CASEWORKER, municipalities=frozenset({AARHUS_CVR}), by_cvr=True),
    )  # fmt: skip
    assert first.pk != other.pk


def test_every_sign_in_refreshes_name_email_role_and_jobcenter_and_audits_the_change(other_jobcenter):
    user = sign_in()
    again = sign_in(role=Role.TEAM_LEAD, cvrs=(ODENSE_CVR,), last_name="Nielsen", email="karen@odense.dk")
    assert again.pk == user.pk
    again.refresh_from_db()
    assert (again.role, again.jobcenter, again.last_name, again.email) == (
        Role.TEAM_LEAD, other_jobcenter, "Nielsen", "karen@odense.dk",
    )  # fmt: skip
    change = AuditEvent.objects.get(action=AuditAction.USER_SYNCED).detail
    assert change["role"] == [Role.CASEWORKER, Role.TEAM_LEAD]
    assert change["jobcenter"] == ["Jobcenter Aarhus", "Jobcenter Odense"]
    assert set(change) == {"role", "jobcenter", "last_name", "email"}


def test_an_unchanged_sign_in_writes_no_change_event():
    sign_in()
    sign_in()
    assert AuditAction.USER_SYNCED not in actions()


def test_a_municipality_cannot_hand_out_a_national_role_on_its_own():
    with pytest.raises(SignInRefused, match="hele landet"):
        sign_in(subject="sys", role=Role.SYSTEM_ADMIN, cvrs=(AARHUS_CVR,))
    with pytest.raises(SignInRefused, match="hele landet"):
        sign_in(subject="adm", role=Role.ADMIN, cvrs=(KOEBENHAVN_CVR,))
    assert not User.objects.filter(role__in=[Role.SYSTEM_ADMIN, Role.ADMIN]).exists()


def test_administrators_get_no_jobcenter_but_their_municipality_must_be_known(settings):
    settings.SIGNIN_NATIONAL_ROLE_MUNICIPALITIES = [KOEBENHAVN_CVR, AARHUS_CVR]
    assert sign_in(role=Role.ADMIN, cvrs=(KOEBENHAVN_CVR,)).jobcenter is None
    assert sign_in(subject="sys", role=Role.SYSTEM_ADMIN, cvrs=(AARHUS_CVR,)).role == Role.SYSTEM_ADMIN
    with pytest.raises(SignInRefused, match="ikke kendt"):
        sign_in(subject="x", role=Role.ADMIN, cvrs=("29189692",))


def test_two_jobcenters_are_refused_with_a_clear_reason():
    with pytest.raises(SignInRefused, match="mere end ét jobcenter"):
        sign_in(cvrs=(AARHUS_CVR, ODENSE_CVR))
    assert not User.objects.filter(email="karen@aarhus.dk").exists()
    assert actions() == [AuditAction.EXTERNAL_SIGN_IN_REFUSED]


def test_a_municipality_no_jobcenter_serves_is_refused_for_caseworkers():
    with pytest.raises(SignInRefused, match="Ingen jobcentre"):
        sign_in(cvrs=(KOEBENHAVN_CVR,))


def test_a_refused_sign_in_deactivates_an_existing_user_and_a_valid_one_brings_it_back():
    user = sign_in()
    with pytest.raises(SignInRefused):
        external_sign_in(
            issuer=ISSUER, subject="abc-123", profile=Profile(),
            claimed=SignInRefused("Din bruger har ingen gyldig rolle i Brobygger."),
        )  # fmt: skip
    user.refresh_from_db()
    assert not user.is_active
    assert AuditAction.USER_DEACTIVATE in actions()
    assert sign_in().is_active


def test_a_deactivation_in_the_portal_wins_over_the_provider():
    user = sign_in()
    User.objects.filter(pk=user.pk).update(is_active=False)
    with pytest.raises(SignInRefused, match="deaktiveret i Brobygger"):
        sign_in()
    user.refresh_from_db()
    assert not user.is_active
