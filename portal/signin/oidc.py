"""OpenID Connect on mozilla-django-oidc: endpoints discovered from OIDC_ISSUER (once per process),
ID tokens checked for RS256 signature, audience and issuer, users provisioned from the claims."""

import logging
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.http import HttpRequest
from django.urls import reverse
from mozilla_django_oidc import views as oidc_views
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from portal.core.audit import client_ip
from portal.signin.rules import SignInRefused, oidc_claimed
from portal.signin.services import Profile, external_sign_in
from portal.signin.views import FAILED, REFUSAL_SESSION_KEY, REJECTED, UNAVAILABLE, refused_page

logger = logging.getLogger(__name__)

# The provider's endpoints rarely change; reading them once per process keeps a sign-in at two round
# trips (token, keys). A failed fetch is not kept, so the next sign-in tries again.
_discovered: dict[str, dict] = {}


def discovery(issuer: str) -> dict:
    if issuer not in _discovered:
        response = requests.get(issuer.rstrip("/") + "/.well-known/openid-configuration", timeout=10)
        response.raise_for_status()
        document = response.json()
        if document.get("issuer") != issuer:
            raise ImproperlyConfigured(f"OIDC discovery at {issuer} names issuer {document.get('issuer')!r}")
        _discovered[issuer] = document
    return _discovered[issuer]


class MunicipalOIDCBackend(OIDCAuthenticationBackend):
    def __init__(self, *args, **kwargs):
        # The parent reads fixed endpoint settings here; ours come from discovery, and only when a
        # callback actually arrives (this backend is also asked about every local password login).
        self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        if request is None or "code" not in request.GET or not settings.OIDC_ISSUER:
            return None
        try:
            return self._authenticate(request, **kwargs)
        except (requests.RequestException, ValueError, KeyError) as exc:
            # The provider did not answer, or answered nonsense: a Danish page, not a 500.
            logger.warning("OIDC sign-in failed talking to the provider: %r", exc)
            request.session[REFUSAL_SESSION_KEY] = str(UNAVAILABLE)
            return None
        except SuspiciousOperation as exc:  # a token with a bad signature, audience, issuer or nonce
            logger.warning("OIDC sign-in refused: %s", exc)
            request.session[REFUSAL_SESSION_KEY] = str(REJECTED)
            return None

    def _authenticate(self, request, **kwargs):
        document = discovery(settings.OIDC_ISSUER)
        self.OIDC_OP_TOKEN_ENDPOINT = document["token_endpoint"]
        self.OIDC_OP_USER_ENDPOINT = document.get("userinfo_endpoint")
        self.OIDC_OP_JWKS_ENDPOINT = document["jwks_uri"]
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = "RS256"
        self.OIDC_RP_IDP_SIGN_KEY = None
        return super().authenticate(request, **kwargs)

    def _verify_jws(self, payload, key):
        """The library skips audience and issuer; a token for another client or from another issuer
        must not sign anyone in here."""
        if jwt.get_unverified_header(payload).get("alg") != "RS256":
            raise SuspiciousOperation("ID token not signed with RS256")
        try:
            return jwt.decode(
                payload,
                key,
                algorithms=["RS256"],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=settings.OIDC_ISSUER,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.PyJWTError as exc:
            raise SuspiciousOperation(f"ID token refused: {exc}") from exc

    def get_or_create_user(self, access_token, id_token, payload):
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT:
            userinfo = self.get_userinfo(access_token, id_token, payload)
            if userinfo.get("sub") != payload["sub"]:
                raise SuspiciousOperation("userinfo is about another subject")
            claims.update(userinfo)
        try:
            claimed = oidc_claimed(
                claims,
                role_claim=settings.OIDC_ROLE_CLAIM,
                municipality_claim=settings.OIDC_JOBCENTER_CLAIM,
                allowed=settings.OIDC_ALLOWED_MUNICIPALITIES,
            )
        except SignInRefused as refusal:
            claimed = refusal
        profile = Profile(
            first_name=str(claims.get("given_name") or ""),
            last_name=str(claims.get("family_name") or ""),
            email=str(claims.get("email") or ""),
        )
        try:
            user = external_sign_in(
                issuer=payload["iss"],
                subject=str(payload["sub"]),
                profile=profile,
                claimed=claimed,
                ip=client_ip(self.request),
            )
        except SignInRefused as refusal:
            self.request.session[REFUSAL_SESSION_KEY] = refusal.reason
            return None
        return user


class AuthenticationRequestView(oidc_views.OIDCAuthenticationRequestView):
    """Start: state, nonce and a PKCE challenge (settings.OIDC_USE_PKCE) to the discovered endpoint."""

    def __init__(self, *args, **kwargs):
        super(oidc_views.OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID

    def get(self, request):
        try:
            self.OIDC_OP_AUTH_ENDPOINT = discovery(settings.OIDC_ISSUER)["authorization_endpoint"]
        except (requests.RequestException, ValueError, KeyError, ImproperlyConfigured):
            logger.exception("OIDC discovery failed")
            return refused_page(request, UNAVAILABLE, status=503)
        return super().get(request)


class CallbackView(oidc_views.OIDCAuthenticationCallbackView):
    def login_success(self):
        response = super().login_success()
        # After login(), which may have flushed the session: logout then knows to end the provider's too.
        self.request.session["signin_method"] = "oidc"
        return response

    def login_failure(self):
        self.request.session.setdefault(REFUSAL_SESSION_KEY, str(FAILED))
        return super().login_failure()


def provider_logout_url(request: HttpRequest) -> str:
    """RP-initiated logout: the provider ends its session too, then sends the browser back to login."""
    endpoint = discovery(settings.OIDC_ISSUER).get("end_session_endpoint")
    back = request.build_absolute_uri(reverse("login"))
    if not endpoint:
        return back
    params = {"post_logout_redirect_uri": back, "client_id": settings.OIDC_RP_CLIENT_ID}
    if request.session.get("oidc_id_token"):
        params["id_token_hint"] = request.session["oidc_id_token"]
    return f"{endpoint}?{urlencode(params)}"


class LogoutView(oidc_views.OIDCLogoutView):
    """POST /oidc/logout/: the portal's session ends, then the provider's."""
