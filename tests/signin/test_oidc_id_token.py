"""The ID token checks mozilla-django-oidc leaves out: audience and issuer (plus RS256 only), with real
RSA keys and real signatures."""

import time

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.exceptions import SuspiciousOperation

from portal.signin.oidc import MunicipalOIDCBackend

ISSUER = "https://idp.kommune.dk"


@pytest.fixture
def backend(settings):
    settings.OIDC_ISSUER = ISSUER
    backend = MunicipalOIDCBackend()
    backend.OIDC_RP_CLIENT_ID = "brobygger"
    return backend


@pytest.fixture(scope="module")
def key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def token(key, **overrides) -> str:
    now = int(time.time())
    claims = {"iss": ISSUER, "aud": "brobygger", "sub": "k-1", "iat": now, "exp": now + 300} | overrides
    return jwt.encode({k: v for k, v in claims.items() if v is not None}, key, algorithm="RS256")


def test_a_token_for_us_from_our_issuer_is_accepted(backend, key):
    assert backend._verify_jws(token(key), key.public_key())["sub"] == "k-1"


@pytest.mark.parametrize(
    "overrides",
    [
        pytest.param({"aud": "another-client"}, id="other-audience"),
        pytest.param({"iss": "https://evil.example"}, id="other-issuer"),
        pytest.param({"exp": int(time.time()) - 60}, id="expired"),
        pytest.param({"iat": None}, id="no-iat"),
    ],
)
def test_a_token_meant_for_someone_else_is_refused(backend, key, overrides):
    with pytest.raises(SuspiciousOperation):
        backend._verify_jws(token(key, **overrides), key.public_key())


def test_a_token_signed_by_another_key_is_refused(backend, key):
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    with pytest.raises(SuspiciousOperation):
        backend._verify_jws(token(other), key.public_key())


def test_a_symmetric_token_is_refused(backend):
    forged = jwt.encode(
        {"iss": ISSUER, "aud": "brobygger", "sub": "x", "exp": 2**31}, "secret", algorithm="HS256"
    )
    with pytest.raises(SuspiciousOperation):
        backend._verify_jws(forged, "secret")
