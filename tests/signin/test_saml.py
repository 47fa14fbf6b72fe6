"""SAML 2.0 as KOMBIT's Context Handler speaks it (OIOSAML 3): signed requests out; only signed
responses with signed, encrypted assertions, addressed to us, fresh and used once, come in."""

import base64
from urllib.parse import parse_qs, urlparse

import pytest
from django.test import Client

from portal.core.models import AuditAction, AuditEvent, Role, User
from tests.signin.fixtures import AARHUS_CVR
from tests.signin.saml_idp import Person

CASEWORKER = Person(subject="persistent-0001", privileges=[(AARHUS_CVR, "sagsbehandler")])


def start(client: Client, idp, next_url: str = "/citizens/"):
    """Trust the portal's metadata, then follow the portal's redirect to the IdP: the AuthnRequest."""
    idp.trust_sp(client.get("/saml2/metadata/").content)
    response = client.get(f"/saml2/login/?next={next_url}")
    assert response.status_code == 302
    location = urlparse(response["Location"])
    assert location.netloc == urlparse(idp.base).netloc
    query = {k: v[0] for k, v in parse_qs(location.query).items()}
    return idp.parse_request(query), query


def acs(client: Client, saml_response: str, relay_state: str = ""):
    return client.post("/saml2/acs/", {"SAMLResponse": saml_response, "RelayState": relay_state})


def signed_in_user(client: Client) -> User | None:
    return User.objects.filter(pk=client.session.get("_auth_user_id")).first()


def test_the_metadata_is_public_and_carries_two_signing_certificates_for_rollover(
    client, saml_idp, settings, keypairs
):
    settings.SAML_NEXT_CERT_FILE = keypairs["sp-next"][1]
    response = client.get("/saml2/metadata/")
    assert response.status_code == 200
    xml = response.content.decode()
    assert 'AuthnRequestsSigned="true"' in xml and 'WantAssertionsSigned="true"' in xml
    assert "http://testserver/saml2/acs/" in xml and "http://testserver/saml2/ls/" in xml
    assert xml.count('use="signing"') == 2 and xml.count('use="encryption"') == 1
    assert settings.SAML_ENTITY_ID in xml


def test_the_authn_request_is_signed_and_the_idp_checks_the_signature(client, saml_idp):
    request, query = start(client, saml_idp)
    assert query["SigAlg"].endswith("rsa-sha256") and query["Signature"]
    assert request.assertion_consumer_service_url == "http://testserver/saml2/acs/"
    forged = dict(query, Signature=base64.b64encode(b"x" * 256).decode())
    with pytest.raises(Exception):  # noqa: B017 - pysaml2 raises its own signature errors
        saml_idp.parse_request(forged)


def test_a_caseworker_lands_in_the_jobcenter_serving_the_municipality(client, saml_idp, jobcenter):
    request, query = start(client, saml_idp)
    response = acs(client, saml_idp.response(request, CASEWORKER), query.get("RelayState", ""))
    assert response.status_code == 302 and response["Location"] == "/citizens/"
    user = signed_in_user(client)
    assert (user.role, user.jobcenter, user.email) == (Role.CASEWORKER, jobcenter, "karen@kommune.dk")
    assert client.get("/citizens/").status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN, actor=user).exists()


def test_a_person_without_a_brobygger_role_is_refused_with_a_danish_page(client, saml_idp):
    request, _query = start(client, saml_idp)
    person = Person(subject="persistent-0002", privileges=[(AARHUS_CVR, "borgmester")])
    response = acs(client, saml_idp.response(request, person))
    assert response.status_code == 403
    assert "ingen gyldig rolle" in response.content.decode()
    assert signed_in_user(client) is None
    assert not User.objects.exists()


def test_two_roles_are_refused(client, saml_idp):
    request, _query = start(client, saml_idp)
    person = Person(subject="p3", privileges=[(AARHUS_CVR, "sagsbehandler"), (AARHUS_CVR, "teamleder")])
    assert "mere end én rolle" in acs(client, saml_idp.response(request, person)).content.decode()


def test_the_oiosaml_2_attribute_name_works_too(client, saml_idp):
    request, _query = start(client, saml_idp)
    person = Person(subject="p4", privileges=[(AARHUS_CVR, "teamleder")],
                    attribute="dk:gov:saml:attribute:Privileges_intermediate")  # fmt: skip
    acs(client, saml_idp.response(request, person))
    assert signed_in_user(client).role == Role.TEAM_LEAD


def test_a_role_removed_at_the_provider_deactivates_the_user_at_the_next_sign_in(client, saml_idp):
    request, _query = start(client, saml_idp)
    acs(client, saml_idp.response(request, CASEWORKER))
    user = signed_in_user(client)
    other = Client()
    request, _query = start(other, saml_idp)
    stripped = Person(subject=CASEWORKER.subject, privileges=[])
    assert acs(other, saml_idp.response(request, stripped)).status_code == 403
    user.refresh_from_db()
    assert not user.is_active


REFUSED = "kunne ikke godkendes"


@pytest.mark.parametrize(
    "knobs",
    [
        pytest.param({"sign_response": False, "sign_assertion": False}, id="unsigned"),
        pytest.param({"sign_assertion": False}, id="assertion-unsigned"),
        pytest.param({"sign_response": False}, id="response-unsigned"),
        pytest.param({"encrypt": False}, id="not-encrypted"),
        pytest.param({"destination": "https://elsewhere.example/saml2/acs/"}, id="wrongly-addressed"),
        pytest.param({"sign_alg": "http://www.w3.org/2000/09/xmldsig#rsa-sha1"}, id="sha1-signed"),
    ],
)
def test_it_refuses_what_oiosaml_3_refuses(client, saml_idp, knobs):
    request, _query = start(client, saml_idp)
    response = acs(client, saml_idp.response(request, CASEWORKER, **knobs))
    assert response.status_code == 403 and REFUSED in response.content.decode()
    assert signed_in_user(client) is None and not User.objects.exists()


def test_it_refuses_an_expired_assertion(client, saml_idp):
    request, _query = start(client, saml_idp)
    stale_idp = saml_idp.other_server(lifetime_minutes=-10)
    response = acs(client, saml_idp.response(request, CASEWORKER, server=stale_idp))
    assert response.status_code == 403 and signed_in_user(client) is None


def test_it_refuses_a_response_signed_by_a_foreign_key(client, saml_idp, keypairs):
    request, _query = start(client, saml_idp)
    foreign = saml_idp.other_server(key=keypairs["foreign"][0], cert=keypairs["foreign"][1])
    response = acs(client, saml_idp.response(request, CASEWORKER, server=foreign))
    assert response.status_code == 403 and signed_in_user(client) is None


def test_it_refuses_a_tampered_response(client, saml_idp):
    request, _query = start(client, saml_idp)
    tampered = saml_idp.response(request, CASEWORKER, tamper=True)
    assert 'Consent="' in base64.b64decode(tampered).decode()
    response = acs(client, tampered)
    assert response.status_code == 403 and signed_in_user(client) is None


def test_it_refuses_a_replayed_response(client, saml_idp):
    request, _query = start(client, saml_idp)
    saml_response = saml_idp.response(request, CASEWORKER)
    assert acs(client, saml_response).status_code == 302
    replayer = Client()
    start(replayer, saml_idp)  # even with a pending request of its own
    response = acs(replayer, saml_response)
    assert response.status_code == 403 and signed_in_user(replayer) is None


def test_the_endpoints_are_off_without_saml(client, settings):
    settings.SAML_ENABLED = False
    assert client.get("/saml2/metadata/").status_code == 404
    assert client.get("/saml2/login/").status_code == 404


def test_an_assertion_id_signs_in_once_across_processes(rf, municipality_cvrs):
    """Besides the browser's outstanding-request check: the shared cache remembers used assertions."""
    from django.contrib.sessions.backends.db import SessionStore
    from saml2.saml import NAMEID_FORMAT_PERSISTENT, NameID

    from portal.signin.saml import REFUSAL_ATTR, OiosamlBackend

    session_info = {
        "ava": CASEWORKER.identity(),
        "name_id": NameID(format=NAMEID_FORMAT_PERSISTENT, text=CASEWORKER.subject),
        "issuer": "http://idp.test/idp",
    }

    def attempt():
        request = rf.post("/saml2/acs/")
        request.session = SessionStore()
        user = OiosamlBackend().authenticate(
            request, session_info=session_info, assertion_info={"assertion_id": "id-1"}
        )
        return user, getattr(request, REFUSAL_ATTR, None)

    assert attempt()[0] is not None
    user, reason = attempt()
    assert user is None and "allerede brugt" in reason


def test_unreachable_idp_metadata_gives_a_danish_page_not_a_500(client, saml_idp, settings):
    settings.SAML_IDP_METADATA = "http://127.0.0.1:9/metadata.xml"  # nothing listens on the discard port
    response = client.get("/saml2/login/")
    assert response.status_code == 503
    assert "Kommunens login svarer ikke lige nu" in response.content.decode()
