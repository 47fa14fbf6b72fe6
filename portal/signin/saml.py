"""SAML 2.0 for KOMBIT's Context Handler (OIOSAML 3) on djangosaml2/pysaml2: the SP configuration, the
backend that provisions from the assertion, and the ACS view that refuses what OIOSAML 3 refuses."""

import base64
import binascii
import logging

import saml2
from defusedxml import ElementTree
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from djangosaml2 import views as saml_views
from djangosaml2.backends import Saml2Backend
from saml2.config import SPConfig
from saml2.saml import NAMEID_FORMAT_PERSISTENT

from portal.core.audit import client_ip
from portal.signin import oiobpp
from portal.signin.rules import SignInRefused, saml_claimed
from portal.signin.services import Profile, external_sign_in
from portal.signin.views import REJECTED, UNAVAILABLE, refused_page

logger = logging.getLogger(__name__)

ATTR = "https://data.gov.dk/model/core/eid/"
FIRST_NAME, LAST_NAME, EMAIL = ATTR + "firstName", ATTR + "lastName", ATTR + "email"
SAMLP = "{urn:oasis:names:tc:SAML:2.0:protocol}"
SAML = "{urn:oasis:names:tc:SAML:2.0:assertion}"
DS = "{http://www.w3.org/2000/09/xmldsig#}"
RSA_SHA256 = saml2.xmldsig.SIG_RSA_SHA256
REFUSAL_ATTR = "_signin_refusal"


def _metadata_source(value: str) -> dict:
    if value.startswith(("https://", "http://")):
        return {"remote": [{"url": value}]}
    return {"local": [value]}


def sp_config(request: HttpRequest | None = None) -> SPConfig:
    """djangosaml2's SAML_CONFIG_LOADER: endpoints from the request's own host, so the URLs in the
    metadata are exactly the ones this portal answers on. OIOSAML 3 demands every flag set below."""
    base = request.build_absolute_uri("/").rstrip("/") if request else ""
    keypair = {"key_file": settings.SAML_KEY_FILE, "cert_file": settings.SAML_CERT_FILE}
    conf = {
        "xmlsec_binary": settings.SAML_XMLSEC_BINARY,
        "entityid": settings.SAML_ENTITY_ID,
        "allow_unknown_attributes": True,
        "metadata": _metadata_source(settings.SAML_IDP_METADATA),
        "key_file": settings.SAML_KEY_FILE,
        "cert_file": settings.SAML_CERT_FILE,
        "encryption_keypairs": [keypair],
        "accepted_time_diff": 60,
        "service": {
            "sp": {
                "name": "Brobygger",
                "name_id_format": NAMEID_FORMAT_PERSISTENT,
                "endpoints": {
                    "assertion_consumer_service": [(base + reverse("saml2_acs"), saml2.BINDING_HTTP_POST)],
                    "single_logout_service": [
                        (base + reverse("saml2_ls"), saml2.BINDING_HTTP_REDIRECT),
                        (base + reverse("saml2_ls_post"), saml2.BINDING_HTTP_POST),
                    ],
                },
                "authn_requests_signed": True,
                "logout_requests_signed": True,
                "signing_algorithm": saml2.xmldsig.SIG_RSA_SHA256,
                "digest_algorithm": saml2.xmldsig.DIGEST_SHA256,
                "want_response_signed": True,
                "want_assertions_signed": True,
                "want_assertions_or_response_signed": True,
                "only_use_keys_in_metadata": True,
                "allow_unsolicited": False,
            }
        },
    }
    if settings.SAML_NEXT_CERT_FILE:
        # Rollover: the next certificate is published beside the current one before it takes over.
        conf["additional_cert_files"] = [settings.SAML_NEXT_CERT_FILE]
    config = SPConfig()
    config.load(conf)
    return config


def oiosaml3_shape_ok(saml_response: str) -> bool:
    """What pysaml2 accepts and OIOSAML 3 does not, read from the response as sent: the assertion must
    arrive encrypted (exactly one EncryptedAssertion, no plain Assertion), and signatures must be
    RSA-SHA256, not SHA-1."""
    try:
        root = ElementTree.fromstring(base64.b64decode(saml_response, validate=False))
    except (binascii.Error, ValueError, ElementTree.ParseError):
        return False
    except Exception:  # defusedxml's refusals (DTDs, entities)
        return False
    methods = {m.get("Algorithm") for m in root.iter(DS + "SignatureMethod")}
    return (
        len(root.findall(SAML + "EncryptedAssertion")) == 1
        and not root.findall(SAML + "Assertion")
        and methods <= {RSA_SHA256}
    )


def _first(attributes: dict[str, list[str]], name: str) -> str:
    return str((attributes.get(name) or [""])[0])


class OiosamlBackend(Saml2Backend):
    """Provisions from the assertion: (IdP entity id, persistent NameID) is the key, OIO-BPP the rights."""

    def authenticate(self, request, session_info=None, assertion_info=None, **kwargs):
        if request is None or not session_info or "ava" not in session_info:
            return None
        name_id = session_info.get("name_id")
        if name_id is None or name_id.format != NAMEID_FORMAT_PERSISTENT or not name_id.text:
            self._refuse(request, _("Identitetsudbyderen sendte ikke et vedvarende bruger-id."))
            return None
        assertion_id = (assertion_info or {}).get("assertion_id")
        # Replay guard beyond the outstanding-request check: an assertion is good for one sign-in,
        # across every app process (the cache is shared: database or Redis).
        if not assertion_id or not cache.add(f"saml-assertion:{assertion_id}", 1, timeout=60 * 60 * 8):
            self._refuse(request, _("Svaret fra identitetsudbyderen er allerede brugt."))
            return None
        attributes = session_info["ava"]
        try:
            claimed = saml_claimed(
                oiobpp.grants_from_attributes(attributes), prefix=settings.SAML_PRIVILEGE_PREFIX
            )
        except oiobpp.PrivilegeListError:
            claimed = SignInRefused(_("Rettighedslisten fra identitetsudbyderen kunne ikke læses."))
        except SignInRefused as refusal:
            claimed = refusal
        profile = Profile(
            first_name=_first(attributes, FIRST_NAME),
            last_name=_first(attributes, LAST_NAME),
            email=_first(attributes, EMAIL),
        )
        try:
            user = external_sign_in(
                issuer=session_info["issuer"],
                subject=name_id.text,
                profile=profile,
                claimed=claimed,
                ip=client_ip(request),
            )
        except SignInRefused as refusal:
            self._refuse(request, refusal.reason)
            return None
        return user

    @staticmethod
    def _refuse(request: HttpRequest, reason: str) -> None:
        # Django's authenticate() swallows exceptions from backends; the ACS view reads the reason here.
        setattr(request, REFUSAL_ATTR, reason)


class LoginView(saml_views.LoginView):
    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Exception:
            # Unreachable or broken IdP metadata: say so in Danish rather than answer 500.
            logger.exception("SAML login could not start")
            return refused_page(request, UNAVAILABLE, status=503)


class AcsView(saml_views.AssertionConsumerServiceView):
    def custom_validation(self, response) -> None:
        """What pysaml2 lets through and OIOSAML 3 does not. (pysaml2 answers a response addressed
        elsewhere with a half-parsed object, not an error: hence the explicit Destination check.)"""
        if not oiosaml3_shape_ok(self.request.POST.get("SAMLResponse", "")):
            raise SuspiciousOperation("SAML assertion not encrypted, or signed with a weak algorithm")
        if response.response.destination != self.request.build_absolute_uri(reverse("saml2_acs")):
            raise SuspiciousOperation("SAML response addressed elsewhere")
        if response.assertion is None:
            raise SuspiciousOperation("SAML response without a verified assertion")

    def handle_acs_failure(self, request, exception=None, status=403, **kwargs):
        reason = getattr(request, REFUSAL_ATTR, None)
        if reason is None:
            logger.warning("SAML sign-in refused: %r", exception)
            reason = REJECTED
        return refused_page(request, reason, status=403)

    def authenticate_user(self, request, session_info, *args, **kwargs):
        user = super().authenticate_user(request, session_info, *args, **kwargs)
        # After login(), which may have flushed the session: logout then knows to end the IdP's too.
        request.session["signin_method"] = "saml"
        return user
