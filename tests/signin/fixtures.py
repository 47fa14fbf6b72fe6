"""Sign-in fixtures (a pytest plugin, loaded by tests/conftest.py so browser tests share them):
municipalities with CVR numbers as system administrators set them, throwaway keys and certificates
made with openssl, the pysaml2 test IdP and the npm oidc-provider."""

from pathlib import Path

import pytest

from portal.core.models import Municipality
from tests.signin.oidc_op import TestOP
from tests.signin.saml_idp import TestIdP, make_keypair, serve

AARHUS_CVR, ODENSE_CVR, KOEBENHAVN_CVR = "55133018", "35209115", "64942212"


@pytest.fixture
def municipality_cvrs(jobcenter, other_jobcenter) -> None:
    """Aarhus (751) → Jobcenter Aarhus, Odense (461) → Jobcenter Odense, København (101) served by none."""
    for code, cvr in (("751", AARHUS_CVR), ("461", ODENSE_CVR), ("101", KOEBENHAVN_CVR)):
        Municipality.objects.filter(code=code).update(cvr=cvr)


@pytest.fixture(scope="session")
def keypairs(tmp_path_factory) -> dict[str, tuple[str, str]]:
    directory: Path = tmp_path_factory.mktemp("saml-keys")
    return {name: make_keypair(directory, name) for name in ("sp", "sp-next", "idp", "foreign")}


@pytest.fixture
def saml_idp_host() -> str:
    """The name the browser reaches the IdP by; browser tests use the live server's (same site)."""
    return "127.0.0.1"


@pytest.fixture
def saml_idp(settings, keypairs, tmp_path, municipality_cvrs, saml_idp_host):
    """The test IdP on a loopback port, and the portal configured to trust it (SAML_* settings)."""
    key, cert = keypairs["idp"]
    idp, http = serve(lambda port: TestIdP(tmp_path, key=key, cert=cert, port=port, host=saml_idp_host))
    settings.SAML_ENABLED = True
    settings.SAML_IDP_METADATA = idp.metadata_file()
    settings.SAML_ENTITY_ID = "https://brobygger.test/saml2/metadata/"
    settings.SAML_KEY_FILE, settings.SAML_CERT_FILE = keypairs["sp"]
    yield idp
    http.shutdown()
    http.server_close()


@pytest.fixture
def oidc_op(settings, tmp_path, municipality_cvrs):
    """`oidc_op(base_url)` starts the npm oidc-provider for a portal at base_url and configures the portal."""
    from portal.signin import oidc

    started = []

    def start(base_url: str = "http://testserver") -> TestOP:
        op = TestOP(
            tmp_path, redirect_uri=f"{base_url}/oidc/callback/", post_logout_uri=f"{base_url}/accounts/login/"
        )
        started.append(op)
        oidc._discovered.clear()
        settings.OIDC_ISSUER = op.issuer
        settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = "brobygger", "test-hemmelighed"
        settings.OIDC_ALLOWED_MUNICIPALITIES = ["751", "461"]
        return op

    yield start
    for op in started:
        op.stop()
