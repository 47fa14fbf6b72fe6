"""Users from the municipality's identity provider: the portal shows role and jobcenter read-only
(the next sign-in would overwrite a change), but deactivating them in the portal still works and wins."""

from django.urls import reverse

from portal.core.models import Role
from portal.signin.models import ExternalIdentity


def from_provider(user):
    user.set_unusable_password()  # as provisioning makes them (portal/signin/services.py)
    user.save()
    ExternalIdentity.objects.create(issuer="https://idp.kommune.dk", subject=f"s-{user.pk}", user=user)
    return user


def test_the_user_page_shows_role_and_jobcenter_read_only(team_lead_client, caseworker):
    from_provider(caseworker)
    page = team_lead_client.get(reverse("accounts:user_detail", args=[caseworker.pk])).content.decode()
    assert "Rolle og jobcenter styres dér" in page
    assert reverse("accounts:user_role", args=[caseworker.pk]) not in page


def test_a_role_change_is_refused_with_a_reason(team_lead_client, caseworker):
    from_provider(caseworker)
    response = team_lead_client.post(
        reverse("accounts:user_role", args=[caseworker.pk]), {"role": "team_lead"}
    )
    assert response.status_code == 400
    caseworker.refresh_from_db()
    assert caseworker.role == Role.CASEWORKER


def test_the_user_list_says_how_they_sign_in(team_lead_client, caseworker):
    from_provider(caseworker)
    assert caseworker.sign_in_methods == ["Kommunens login"]
    assert "Kommunens login" in team_lead_client.get(reverse("accounts:users")).content.decode()


def test_a_local_user_keeps_the_role_form(team_lead_client, caseworker):
    page = team_lead_client.get(reverse("accounts:user_detail", args=[caseworker.pk])).content.decode()
    assert reverse("accounts:user_role", args=[caseworker.pk]) in page
