"""A small SAML identity provider for tests, built on pysaml2's own `saml2.server.Server`: it checks the
portal's signed AuthnRequest and answers, like KOMBIT's Context Handler, with a signed response holding
a signed, encrypted assertion, a persistent NameID and an OIO-BPP privilege list. It serves HTTP on
loopback for the browser and can also be driven in-process to forge the bad answers tests need."""

import base64
import html
import subprocess
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from saml2 import BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig
from saml2.metadata import create_metadata_string
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_PERSISTENT, NameID
from saml2.server import Server

XMLSEC = "/usr/bin/xmlsec1"
EID = "https://data.gov.dk/model/core/eid/"
PRIVILEGES = EID + "privilegesIntermediate"


def make_keypair(directory: Path, name: str) -> tuple[str, str]:
    """A throwaway RSA key and self-signed certificate, made with openssl at test time."""
    key, cert = directory / f"{name}.key", directory / f"{name}.crt"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "2",
         "-subj", f"/CN={name}", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return str(key), str(cert)


def privilege_list(groups: list[tuple[str, str]]) -> str:
    """Base64 OIO-BPP: one PrivilegeGroup per (scope, privilege URI)."""
    body = "".join(
        f'<PrivilegeGroup Scope="{html.escape(scope)}"><Privilege>{html.escape(priv)}</Privilege></PrivilegeGroup>'
        for scope, priv in groups
    )
    xml = f'<?xml version="1.0" encoding="UTF-8"?><bpp:PrivilegeList xmlns:bpp="http://itst.dk/oiosaml/basic_privilege_profile">{body}</bpp:PrivilegeList>'
    return base64.b64encode(xml.encode()).decode()


@dataclass
class Person:
    subject: str
    first_name: str = "Karen"
    last_name: str = "Kommune"
    email: str = "karen@kommune.dk"
    # (CVR number, role value) pairs, turned into http://brobygger.dk/roles/<role> scoped to the CVR
    privileges: list[tuple[str, str]] = field(default_factory=list)
    prefix: str = "http://brobygger.dk/roles/"
    attribute: str = PRIVILEGES

    def identity(self) -> dict:
        groups = [
            (f"urn:dk:gov:saml:cvrNumberIdentifier:{cvr}", self.prefix + role)
            for cvr, role in self.privileges
        ]
        return {
            EID + "firstName": [self.first_name],
            EID + "lastName": [self.last_name],
            EID + "email": [self.email],
            self.attribute: [privilege_list(groups)],
        }


class TestIdP:
    def __init__(self, directory: Path, *, key: str, cert: str, port: int, host: str = "127.0.0.1") -> None:
        self.directory, self.key, self.cert = directory, key, cert
        self.base = f"http://{host}:{port}"
        self.entity_id = self.base + "/idp"
        self.person: Person | None = None
        self.knobs: dict = {}  # how the browser's next answer goes wrong (see `response`)
        self.logouts: list[str] = []  # NameIDs whose session the portal ended (single logout)
        self.server: Server | None = None

    def config(self, sp_metadata: str = "", *, key: str | None = None, cert: str | None = None,
               lifetime_minutes: int = 5) -> IdPConfig:  # fmt: skip
        conf = {
            "entityid": self.entity_id,
            "xmlsec_binary": XMLSEC,
            "key_file": key or self.key,
            "cert_file": cert or self.cert,
            "service": {
                "idp": {
                    "name": "Test-IdP (Context Handler)",
                    "endpoints": {
                        "single_sign_on_service": [(self.base + "/sso", BINDING_HTTP_REDIRECT)],
                        "single_logout_service": [(self.base + "/slo", BINDING_HTTP_REDIRECT)],
                    },
                    "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                    "want_authn_requests_signed": True,
                    # OIOSAML 3: RSA-SHA256 (pysaml2's default is SHA-1).
                    "signing_algorithm": "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
                    "digest_algorithm": "http://www.w3.org/2001/04/xmlenc#sha256",
                    "policy": {
                        "default": {
                            "lifetime": {"minutes": lifetime_minutes},
                            "attribute_restrictions": None,
                            "name_form": NAME_FORMAT_URI,
                        }
                    },
                }
            },
            "metadata": {"inline": [sp_metadata]} if sp_metadata else {},
        }
        config = IdPConfig()
        config.load(conf)
        return config

    def metadata_file(self) -> str:
        path = self.directory / "idp-metadata.xml"
        path.write_text(create_metadata_string(None, config=self.config(), valid=24).decode())
        return str(path)

    def trust_sp(self, sp_metadata: bytes | str) -> None:
        self.sp_metadata = sp_metadata.decode() if isinstance(sp_metadata, bytes) else sp_metadata
        self.server = Server(config=self.config(self.sp_metadata))

    # --- answering -------------------------------------------------------------------------------
    def parse_request(self, query: dict[str, str]):
        """The portal's AuthnRequest, its redirect-binding signature checked against its metadata."""
        return self.server.parse_authn_request(
            query["SAMLRequest"], BINDING_HTTP_REDIRECT,
            relay_state=query.get("RelayState"), sigalg=query.get("SigAlg"), signature=query.get("Signature"),
        ).message  # fmt: skip

    def response(self, request, person: Person, *, sign_response=True, sign_assertion=True, encrypt=True,
                 destination: str | None = None, server: Server | None = None, tamper=False,
                 sign_alg: str | None = None) -> str:  # fmt: skip
        """The base64 SAMLResponse for `request`, with knobs to make it wrong."""
        server = server or self.server
        name_id = NameID(format=NAMEID_FORMAT_PERSISTENT, text=person.subject,
                         sp_name_qualifier=request.issuer.text, name_qualifier=self.entity_id)  # fmt: skip
        response = server.create_authn_response(
            person.identity(),
            in_response_to=request.id,
            destination=destination or request.assertion_consumer_service_url,
            sp_entity_id=request.issuer.text,
            name_id=name_id,
            authn={"class_ref": "https://data.gov.dk/concept/core/nsis/loa/Substantial"},
            sign_response=sign_response,
            sign_assertion=sign_assertion,
            encrypt_assertion=encrypt,
            encrypt_assertion_self_contained=True,
            sign_alg=sign_alg,
        )
        xml = str(response)
        if tamper:  # one attribute added after signing: the signature no longer matches
            xml = xml.replace(
                'Version="2.0"', 'Version="2.0" Consent="urn:oasis:names:tc:SAML:2.0:consent:obtained"', 1
            )
        return base64.b64encode(xml.encode()).decode()

    def other_server(self, **config) -> Server:
        """The same entity id with other settings (a foreign key, an expired lifetime)."""
        return Server(config=self.config(self.sp_metadata, **config))

    def logout_redirect(self, query: dict[str, str]) -> str:
        request = self.server.parse_logout_request(
            query["SAMLRequest"], BINDING_HTTP_REDIRECT,
            relay_state=query.get("RelayState"), sigalg=query.get("SigAlg"), signature=query.get("Signature"),
        )  # fmt: skip
        self.logouts.append(request.message.name_id.text)
        response = self.server.create_logout_response(request.message, [BINDING_HTTP_REDIRECT])
        sp_slo = self.server.metadata.single_logout_service(
            request.message.issuer.text, BINDING_HTTP_REDIRECT, "spsso"
        )[0]["location"]
        info = self.server.apply_binding(
            BINDING_HTTP_REDIRECT, str(response), sp_slo, query.get("RelayState", ""), response=True
        )
        return dict(info["headers"])["Location"]


def login_page(idp: TestIdP, query: dict[str, str]) -> str:
    """The IdP's 'you are signed in, continue' page: a plain form that POSTs the response to the ACS."""
    request = idp.parse_request(query)
    saml_response = idp.response(request, idp.person, **idp.knobs)
    relay = html.escape(query.get("RelayState", ""))
    return (
        '<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Test-IdP</title></head><body>'
        f"<h1>Test-IdP</h1><p>Logget ind som {html.escape(idp.person.subject)}</p>"
        f'<form method="post" action="{html.escape(request.assertion_consumer_service_url)}">'
        f'<input type="hidden" name="SAMLResponse" value="{saml_response}">'
        f'<input type="hidden" name="RelayState" value="{relay}">'
        '<button type="submit">Fortsæt til Brobygger</button></form></body></html>'
    )


def serve(idp_factory) -> tuple[TestIdP, ThreadingHTTPServer]:
    """Start the IdP's HTTP side on a free loopback port; returns (idp, http server)."""
    holder: dict = {}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet test output
            pass

        def do_GET(self):
            url = urlparse(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            idp = holder["idp"]
            try:
                if url.path == "/sso":
                    body = login_page(idp, query).encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.end_headers()
                    self.wfile.write(body)
                elif url.path == "/slo":
                    self.send_response(302)
                    self.send_header("Location", idp.logout_redirect(query))
                    self.end_headers()
                else:
                    self.send_error(404)
            except Exception as exc:  # the test sees the refusal as a 400 page
                self.send_error(400, explain=str(exc))

    http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    holder["idp"] = idp_factory(http.server_address[1])
    threading.Thread(target=http.serve_forever, daemon=True).start()
    return holder["idp"], http
