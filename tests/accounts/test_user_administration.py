"""Team leads manage their own jobcenter's staff; system administrators everyone's. Every change is
audited; users are deactivated, never deleted; another jobcenter's staff is a 404."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from citizens.models import Citizen
from portal.core.models import AuditAction, AuditEvent, Jobcenter, Role, User
from tests.conftest import PASSWORD, client_for, make_user
from tests.matching.conftest import make_citizen

NEW_PASSWORD = "Et-nyt-og-langt-kodeord-2026"


def invite(client: Client, **overrides):
    data = {"first_name": "Karen", "last_name": "Krag", "email": "Karen.Krag@Aarhus.dk", "role": "caseworker"}
    data.update(overrides)
    return client.post(reverse("accounts:user_invite"), data)


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def test_a_team_lead_invites_a_caseworker_who_chooses_a_password_and_signs_in(team_lead_client, team_lead):
    response = invite(team_lead_client)
    new = User.objects.get(username="karen.krag@aarhus.dk")
    assert response.status_code == 302
    assert (new.role, new.jobcenter, new.has_usable_password()) == (
        Role.CASEWORKER,
        team_lead.jobcenter,
        False,
    )
    assert AuditEvent.objects.filter(
        action=AuditAction.USER_INVITE, actor=team_lead, target_id=new.pk
    ).exists()
    [message] = mail.outbox
    assert message.to == ["karen.krag@aarhus.dk"]
    path = link_in(message).split("testserver", 1)[1]

    visitor = Client()
    assert "karen.krag@aarhus.dk" in visitor.get(path).content.decode()
    response = visitor.post(path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action=AuditAction.PASSWORD_SET, actor=new).exists()
    login = visitor.post("/accounts/login/", {"username": "karen.krag@aarhus.dk", "password": NEW_PASSWORD})
    assert login.status_code == 302
    # The link works once.
    assert Client().get(path).status_code == 404


def test_the_invitation_link_refuses_a_weak_password_and_stays_usable(team_lead_client):
    invite(team_lead_client)
    path = link_in(mail.outbox[0]).split("testserver", 1)[1]
    response = Client().post(path, {"new_password1": "kort", "new_password2": "kort"})
    assert response.status_code == 200
    assert "for kort" in response.content.decode()
    assert not User.objects.get(username="karen.krag@aarhus.dk").has_usable_password()
    assert Client().get(path).status_code == 200


def test_a_team_lead_cannot_invite_an_admin_or_into_another_jobcenter(team_lead_client, other_jobcenter):
    response = invite(team_lead_client, role="systemadministrator", jobcenter=other_jobcenter.pk)
    assert response.status_code == 200
    assert "Marker en gyldig valgmulighed" in response.content.decode()
    assert not User.objects.filter(email="karen.krag@aarhus.dk").exists()
    assert mail.outbox == []


def test_inviting_an_existing_address_is_refused_with_a_danish_message(team_lead_client, caseworker):
    caseworker.email = "karen.krag@aarhus.dk"
    caseworker.save()
    response = invite(team_lead_client)
    assert "findes allerede en bruger" in response.content.decode()
    assert mail.outbox == []


def test_a_system_admin_invites_a_team_lead_into_any_jobcenter(system_admin_client, other_jobcenter):
    invite(system_admin_client, role="team_lead", jobcenter=other_jobcenter.pk)
    assert User.objects.get(username="karen.krag@aarhus.dk").jobcenter == other_jobcenter


def test_a_system_admin_must_not_give_a_caseworker_no_jobcenter(system_admin_client):
    response = invite(system_admin_client, role="caseworker")
    assert "skal høre til et jobcenter" in response.content.decode()
    assert not User.objects.filter(email="karen.krag@aarhus.dk").exists()


def test_team_leads_never_reach_another_jobcenters_staff(team_lead_client, outsider):
    for name, data in [
        ("accounts:user_detail", None),
        ("accounts:user_role", {"role": "team_lead"}),
        ("accounts:user_active", {"active": "0"}),
        ("accounts:user_move_cases", {"to": outsider.pk}),
    ]:
        path = reverse(name, args=[outsider.pk])
        response = team_lead_client.post(path, data) if data else team_lead_client.get(path)
        assert response.status_code == 404, name
    outsider.refresh_from_db()
    assert (outsider.is_active, outsider.role) == (True, Role.CASEWORKER)
    users = team_lead_client.get(reverse("accounts:users")).content.decode()
    assert "otto" not in users


def test_deactivation_ends_the_persons_live_session_at_once(team_lead_client, team_lead, caseworker):
    victim = client_for(caseworker)
    assert victim.get("/").status_code == 200
    response = team_lead_client.post(reverse("accounts:user_active", args=[caseworker.pk]), {"active": "0"})
    assert response.status_code == 302
    assert victim.get("/").status_code == 302  # the live session is gone
    caseworker.refresh_from_db()
    assert caseworker.is_active is False
    assert User.objects.filter(pk=caseworker.pk).exists()  # deactivated, not deleted
    assert AuditEvent.objects.filter(action=AuditAction.USER_DEACTIVATE, target_id=caseworker.pk).exists()
    # And the right password no longer signs in.
    assert Client().post("/accounts/login/", {"username": "sara", "password": PASSWORD}).status_code == 200


def test_nobody_deactivates_themselves(team_lead_client, team_lead):
    team_lead_client.post(reverse("accounts:user_active", args=[team_lead.pk]), {"active": "0"})
    team_lead.refresh_from_db()
    assert team_lead.is_active


def test_a_team_lead_changes_a_role_within_the_jobcenter_and_it_is_audited(team_lead_client, caseworker):
    response = team_lead_client.post(
        reverse("accounts:user_role", args=[caseworker.pk]), {"role": "team_lead"}
    )
    assert response.status_code == 302
    caseworker.refresh_from_db()
    assert caseworker.role == Role.TEAM_LEAD
    event = AuditEvent.objects.get(action=AuditAction.USER_ROLE_CHANGE, target_id=caseworker.pk)
    assert event.detail["from"]["role"] == "caseworker"
    refused = team_lead_client.post(reverse("accounts:user_role", args=[caseworker.pk]), {"role": "admin"})
    assert refused.status_code == 400
    caseworker.refresh_from_db()
    assert caseworker.role == Role.TEAM_LEAD


def test_a_system_admin_makes_a_caseworker_a_register_admin(system_admin_client, caseworker):
    response = system_admin_client.post(
        reverse("accounts:user_role", args=[caseworker.pk]), {"role": "admin"}
    )
    assert response.status_code == 302
    caseworker.refresh_from_db()
    assert (caseworker.role, caseworker.jobcenter) == (Role.ADMIN, None)


def test_moving_open_cases_moves_them_all_in_one_step_audited_per_case(
    team_lead_client, team_lead, caseworker, colleague, jobcenter
):
    mine = [make_citizen(jobcenter=jobcenter, caseworker=caseworker) for _ in range(3)]
    closed = make_citizen(jobcenter=jobcenter, caseworker=caseworker, status="closed", closed_at="2026-01-01")
    response = team_lead_client.post(
        reverse("accounts:user_move_cases", args=[caseworker.pk]), {"to": colleague.pk}
    )
    assert response.status_code == 302
    assert set(Citizen.objects.filter(caseworker=colleague).values_list("pk", flat=True)) == {
        c.pk for c in mine
    }
    assert Citizen.objects.get(pk=closed.pk).caseworker == caseworker
    events = AuditEvent.objects.filter(action=AuditAction.CITIZEN_REASSIGN, actor=team_lead)
    assert sorted(events.values_list("target_id", flat=True)) == sorted(c.pk for c in mine)


def test_cases_cannot_be_moved_to_another_jobcenter(team_lead_client, caseworker, outsider, jobcenter):
    citizen = make_citizen(jobcenter=jobcenter, caseworker=caseworker)
    response = team_lead_client.post(
        reverse("accounts:user_move_cases", args=[caseworker.pk]), {"to": outsider.pk}
    )
    assert response.status_code == 400
    assert "Marker en gyldig valgmulighed" in response.content.decode()
    assert Citizen.objects.get(pk=citizen.pk).caseworker == caseworker


def test_system_admins_cannot_move_cases(system_admin_client, caseworker, colleague):
    path = reverse("accounts:user_move_cases", args=[caseworker.pk])
    assert system_admin_client.post(path, {"to": colleague.pk}).status_code == 403


def test_the_user_list_shows_how_people_sign_in_and_costs_the_same_queries_as_it_grows(
    system_admin_client, jobcenter
):
    make_user("a1", Role.CASEWORKER, jobcenter)
    system_admin_client.get(reverse("accounts:users"))  # the session's first-request bookkeeping
    with CaptureQueriesContext(connection) as few:
        page = system_admin_client.get(reverse("accounts:users")).content.decode()
    assert "Lokal adgangskode" in page
    for n in range(10):
        make_user(f"b{n}", Role.CASEWORKER, jobcenter)
    with CaptureQueriesContext(connection) as many:
        system_admin_client.get(reverse("accounts:users"))
    assert len(many) == len(few)


@pytest.mark.django_db(transaction=True)
def test_the_invitation_is_sent_by_the_real_job_worker(reference_data, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    jobcenter = Jobcenter.objects.create(name="Jobcenter Aarhus")
    lead = make_user("tina", Role.TEAM_LEAD, jobcenter)
    invite(client_for(lead))
    assert mail.outbox == []
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert [m.to for m in mail.outbox] == [["karen.krag@aarhus.dk"]]
    assert "/accounts/set-password/" in mail.outbox[0].body


def test_only_system_admins_mark_break_glass_accounts_and_it_is_audited(
    system_admin_client, team_lead_client, caseworker
):
    path = reverse("accounts:user_break_glass", args=[caseworker.pk])
    assert team_lead_client.post(path, {"break_glass": "1"}).status_code == 403
    assert system_admin_client.post(path, {"break_glass": "1"}).status_code == 302
    caseworker.refresh_from_db()
    assert caseworker.is_break_glass
    assert AuditEvent.objects.get(action=AuditAction.USER_UPDATE).detail == {"is_break_glass": True}
