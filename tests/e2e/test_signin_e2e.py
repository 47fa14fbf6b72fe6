"""Signing in through the municipality in Chromium: the pysaml2 test IdP (KOMBIT's Context Handler's
part) and the npm oidc-provider, both on loopback; landing, refusals and single logout."""

import re

import pytest
import requests
from playwright.sync_api import expect

from portal.core.models import User
from tests.signin.fixtures import AARHUS_CVR
from tests.signin.saml_idp import Person


@pytest.fixture
def saml_idp_host() -> str:
    return "localhost"  # the live server's name: the ACS POST then carries the SAML session cookie


@pytest.fixture
def portal_console_errors(page, live_server):
    """Console errors on the portal's own pages (a CSP violation would show up here); the test
    providers' pages are not ours to judge."""
    errors: list[str] = []
    page.on(
        "console",
        lambda m: (
            errors.append(m.text)
            if m.type == "error" and m.location.get("url", "").startswith(live_server.url)
            else None
        ),
    )
    return errors


@pytest.fixture
def saml(saml_idp, live_server):
    saml_idp.trust_sp(requests.get(f"{live_server.url}/saml2/metadata/", timeout=10).content)
    return saml_idp


def test_saml_sign_in_lands_as_the_right_role_and_single_logout_ends_both_sessions(
    page, live_server, saml, jobcenter, axe, portal_console_errors
):
    saml.person = Person(subject="persistent-kh-1", first_name="Kirsten", last_name="Holm",
                         privileges=[(AARHUS_CVR, "teamleder")])  # fmt: skip
    page.goto(f"{live_server.url}/citizens/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    assert axe() == []
    page.get_by_role("link", name="Log ind med kommunens login").click()
    page.get_by_role("button", name="Fortsæt til Brobygger").click()
    expect(page).to_have_url(f"{live_server.url}/citizens/")
    expect(page.get_by_text("Kirsten Holm · Teamleder · Jobcenter Aarhus")).to_be_visible()

    page.get_by_role("button", name="Log ud").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    assert saml.logouts == ["persistent-kh-1"]
    page.goto(f"{live_server.url}/citizens/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    assert portal_console_errors == []


def test_saml_refuses_a_person_without_a_role_with_a_clear_page(page, live_server, saml, axe):
    saml.person = Person(subject="persistent-x", privileges=[(AARHUS_CVR, "borgmester")])
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("link", name="Log ind med kommunens login").click()
    page.get_by_role("button", name="Fortsæt til Brobygger").click()
    expect(page.get_by_role("heading", name="Du kan ikke logge ind i Brobygger")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("ingen gyldig rolle")
    assert axe() == []


def saml_sign_in(page, live_server) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("link", name="Log ind med kommunens login").click()
    page.get_by_role("button", name="Fortsæt til Brobygger").click()


@pytest.mark.parametrize("wrong", ["unsigned", "expired", "tampered", "foreign-signed"])
def test_saml_refuses_a_bad_assertion_in_the_browser(page, live_server, saml, keypairs, wrong):
    saml.person = Person(subject="persistent-bad", privileges=[(AARHUS_CVR, "sagsbehandler")])
    foreign_key, foreign_cert = keypairs["foreign"]
    saml.knobs = {
        "unsigned": lambda: {"sign_response": False, "sign_assertion": False},
        "expired": lambda: {"server": saml.other_server(lifetime_minutes=-10)},
        "tampered": lambda: {"tamper": True},
        "foreign-signed": lambda: {"server": saml.other_server(key=foreign_key, cert=foreign_cert)},
    }[wrong]()
    saml_sign_in(page, live_server)
    expect(page.get_by_role("alert")).to_contain_text("kunne ikke godkendes")
    page.goto(f"{live_server.url}/citizens/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


def test_saml_refuses_a_replayed_assertion_in_the_browser(page, live_server, saml):
    saml.person = Person(subject="persistent-r", privileges=[(AARHUS_CVR, "sagsbehandler")])
    saml_sign_in(page, live_server)
    page.get_by_role("button", name="Log ud").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    # Back through history to the IdP's page that still holds the used response, and send it again.
    for _ in range(8):
        page.go_back()
        if page.get_by_role("button", name="Fortsæt til Brobygger").count():
            break
    page.get_by_role("button", name="Fortsæt til Brobygger").click()
    expect(page.get_by_role("alert")).to_contain_text("kunne ikke godkendes")


def test_saml_role_removed_at_the_provider_deactivates_the_user_at_the_next_sign_in(page, live_server, saml):
    saml.person = Person(subject="persistent-d", privileges=[(AARHUS_CVR, "sagsbehandler")])
    saml_sign_in(page, live_server)
    page.get_by_role("button", name="Log ud").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    saml.person = Person(subject="persistent-d", privileges=[])
    saml_sign_in(page, live_server)
    expect(page.get_by_role("alert")).to_contain_text("ingen gyldig rolle")
    assert not User.objects.get(external_identities__subject="persistent-d").is_active


def oidc_sign_in(page, live_server, login: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("link", name="Log ind med kommunens login").click()
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill("vilkaarligt")
    page.locator("button[type=submit]").click()
    page.get_by_role("button", name="Continue").click()


def test_oidc_sign_in_lands_as_the_right_role_and_logout_ends_the_provider_session(
    page, live_server, oidc_op, other_jobcenter, portal_console_errors
):
    op = oidc_op(live_server.url)
    op.person("ole", roles=["sagsbehandler"], kommunekode="461", given_name="Ole", family_name="Bro")
    oidc_sign_in(page, live_server, "ole")
    expect(page.get_by_text("Ole Bro · Sagsbehandler · Jobcenter Odense")).to_be_visible()

    page.get_by_role("button", name="Log ud").click()
    page.get_by_role("button", name=re.compile("Yes, sign me out", re.I)).click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    # The provider forgot the person too: the next sign-in asks for a login again.
    page.get_by_role("link", name="Log ind med kommunens login").click()
    expect(page.locator("input[name=login]")).to_be_visible()
    assert portal_console_errors == []


def test_oidc_refuses_a_municipality_the_provider_may_not_speak_for(page, live_server, oidc_op):
    op = oidc_op(live_server.url)
    op.person("kim", roles=["sagsbehandler"], kommunekode="101")
    oidc_sign_in(page, live_server, "kim")
    expect(page.get_by_role("alert")).to_contain_text("må ikke give adgang for kommune 101")


def test_oidc_role_removed_at_the_provider_deactivates_the_user_at_the_next_sign_in(
    page, live_server, oidc_op
):
    op = oidc_op(live_server.url)
    op.person("lise", roles=["teamleder"], kommunekode="751")
    oidc_sign_in(page, live_server, "lise")
    page.get_by_role("button", name="Log ud").click()
    page.get_by_role("button", name=re.compile("Yes, sign me out", re.I)).click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    op.person("lise", roles=[], kommunekode="751")
    oidc_sign_in(page, live_server, "lise")
    expect(page.get_by_role("alert")).to_contain_text("ingen gyldig rolle")
    assert not User.objects.get(external_identities__subject="lise").is_active
