"""The login page's "Log ind med kommunens login", the refusal page, logging out the way one came,
and settings that refuse to start half-configured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from portal.core.models import Role
from tests.conftest import client_for, make_user

ROOT = Path(__file__).resolve().parents[2]
SIGN_IN_VARS = {"SAML_ENABLED", "SAML_IDP_METADATA", "SAML_ENTITY_ID", "SAML_KEY_FILE", "SAML_CERT_FILE",
                "OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_ALLOWED_MUNICIPALITIES"}  # fmt: skip


def test_the_login_page_offers_only_local_accounts_when_no_provider_is_configured(client, settings):
    settings.SAML_ENABLED, settings.OIDC_ISSUER = False, ""
    page = client.get("/accounts/login/").content.decode()
    assert "Log ind med kommunens login" not in page and 'name="password"' in page


@pytest.mark.parametrize(
    "saml, issuer, target",
    [(True, "", "/saml2/login/"), (False, "https://idp.kommune.dk", "/oidc/authenticate/")],
)
def test_the_login_page_offers_the_municipal_login_when_configured(client, settings, saml, issuer, target):
    settings.SAML_ENABLED, settings.OIDC_ISSUER = saml, issuer
    page = client.get("/accounts/login/?next=/citizens/").content.decode()
    assert "Log ind med kommunens login" in page
    assert f'href="{target}?next=/citizens/"' in page


def test_the_refusal_page_is_public_and_says_why_in_danish(client):
    response = client.get("/accounts/login/refused/")
    assert response.status_code == 403
    assert "Login via kommunens login mislykkedes" in response.content.decode()


def test_a_local_user_is_logged_out_at_once(jobcenter):
    client = client_for(make_user("lokal", Role.CASEWORKER, jobcenter))
    response = client.post("/accounts/logout/")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    assert "_auth_user_id" not in client.session


def test_a_saml_user_continues_to_single_logout(jobcenter, settings):
    settings.SAML_ENABLED = True
    client = client_for(make_user("saml", Role.CASEWORKER, jobcenter))
    session = client.session
    session["signin_method"] = "saml"
    session.save()
    response = client.post("/accounts/logout/")
    assert response.status_code == 200
    assert '<meta http-equiv="refresh" content="0; url=/saml2/logout/">' in response.content.decode()


def test_logout_is_post_only(client):
    assert client.get("/accounts/logout/").status_code == 405


def _settings_with(env: dict) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in SIGN_IN_VARS}
    return subprocess.run(
        [sys.executable, "-c", "import portal.settings"],
        cwd=ROOT,
        env=base | env,
        capture_output=True,
        text=True,
    )


def test_oidc_refuses_to_start_without_a_bound_on_municipalities():
    result = _settings_with({"OIDC_ISSUER": "https://idp.kommune.dk", "OIDC_CLIENT_ID": "brobygger"})
    assert result.returncode != 0 and "OIDC_ALLOWED_MUNICIPALITIES" in result.stderr


def test_saml_refuses_to_start_without_its_keys():
    result = _settings_with({"SAML_ENABLED": "1", "SAML_IDP_METADATA": "idp.xml", "SAML_ENTITY_ID": "x"})
    assert result.returncode != 0 and "SAML_KEY_FILE must be set" in result.stderr
