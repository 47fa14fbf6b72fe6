"""OpenID Connect against the npm oidc-provider: PKCE, state, nonce, RS256 ID tokens checked against the
provider's keys, endpoints discovered once; roles and municipality from the claims."""

from urllib.parse import parse_qs, urlparse

import requests

from portal.core.models import AuditAction, AuditEvent, Role, User
from portal.signin.models import ExternalIdentity


def sign_in(client, op, login: str, next_url: str = "/citizens/"):
    start = client.get(f"/oidc/authenticate/?next={next_url}")
    assert start.status_code == 302
    back = op.authorize(start["Location"], login)
    assert back.startswith("http://testserver/oidc/callback/")
    return client.get(back.removeprefix("http://testserver"))


def signed_in_user(client) -> User | None:
    return User.objects.filter(pk=client.session.get("_auth_user_id")).first()


def test_the_authorization_request_carries_pkce_state_and_nonce(client, oidc_op):
    op = oidc_op()
    query = parse_qs(urlparse(client.get("/oidc/authenticate/")["Location"]).query)
    assert query["code_challenge_method"] == ["S256"] and len(query["code_challenge"][0]) >= 43
    assert query["state"][0] and query["nonce"][0]
    assert query["client_id"] == ["brobygger"]
    assert client.session["oidc_states"][query["state"][0]]["code_verifier"]
    op.stop()


def test_a_caseworker_signs_in_and_lands_in_the_right_jobcenter(client, oidc_op, jobcenter):
    op = oidc_op()
    op.person("karen", roles=["sagsbehandler"], kommunekode="751")
    response = sign_in(client, op, "karen")
    assert response.status_code == 302 and response["Location"] == "/citizens/"
    user = signed_in_user(client)
    assert (user.role, user.jobcenter, user.email) == (Role.CASEWORKER, jobcenter, "karen@kommune.dk")
    assert ExternalIdentity.objects.get(user=user).issuer == op.issuer
    assert client.get("/citizens/").status_code == 200


def test_the_role_may_come_as_a_single_string(client, oidc_op):
    op = oidc_op()
    op.person("tove", roles="teamleder", kommunekode="461")
    sign_in(client, op, "tove")
    assert signed_in_user(client).role == Role.TEAM_LEAD


def test_a_municipality_outside_the_allowed_list_is_refused(client, oidc_op):
    op = oidc_op()
    op.person("kbh", roles=["sagsbehandler"], kommunekode="101")
    response = sign_in(client, op, "kbh")
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 403
    assert "må ikke give adgang for kommune 101" in page.content.decode()
    assert signed_in_user(client) is None and not User.objects.exists()
    assert AuditEvent.objects.filter(action=AuditAction.EXTERNAL_SIGN_IN_REFUSED).exists()


def test_a_role_removed_at_the_provider_deactivates_the_user_at_the_next_sign_in(client, oidc_op):
    op = oidc_op()
    op.person("karen", roles=["sagsbehandler"])
    sign_in(client, op, "karen")
    user = signed_in_user(client)
    client.post("/accounts/logout/")
    op.person("karen", roles=[])
    op.browser.cookies.clear()
    response = sign_in(client, op, "karen")
    assert "ingen gyldig rolle" in client.get(response["Location"]).content.decode()
    user.refresh_from_db()
    assert not user.is_active


def test_discovery_is_fetched_once(client, oidc_op, monkeypatch):
    op = oidc_op()
    op.person("karen", roles=["sagsbehandler"])
    fetched = []
    real_get = requests.get

    def counting_get(url, *args, **kwargs):
        fetched.append(url)
        return real_get(url, *args, **kwargs)

    monkeypatch.setattr(requests, "get", counting_get)
    sign_in(client, op, "karen")
    client.post("/accounts/logout/")
    sign_in(client, op, "karen")
    assert [u for u in fetched if u.endswith("/.well-known/openid-configuration")] == [
        op.issuer + "/.well-known/openid-configuration"
    ]
    assert signed_in_user(client) is not None


def test_a_replayed_callback_is_refused(client, oidc_op):
    op = oidc_op()
    op.person("karen", roles=["sagsbehandler"])
    start = client.get("/oidc/authenticate/")
    back = op.authorize(start["Location"], "karen").removeprefix("http://testserver")
    assert client.get(back).status_code == 302
    client.post("/accounts/logout/")
    replay = client.get(back)
    assert replay.status_code in (302, 400) and signed_in_user(client) is None


def test_the_endpoints_are_off_without_oidc(client, settings):
    settings.OIDC_ISSUER = ""
    assert client.get("/oidc/authenticate/").status_code == 404


def test_a_provider_that_does_not_answer_gives_a_danish_page_not_a_500(client, oidc_op):
    op = oidc_op()
    op.stop()
    response = client.get("/oidc/authenticate/")
    assert response.status_code == 503
    assert "Kommunens login svarer ikke lige nu" in response.content.decode()


def test_a_provider_that_dies_during_sign_in_gives_a_danish_page(client, oidc_op):
    op = oidc_op()
    op.person("karen", roles=["sagsbehandler"])
    start = client.get("/oidc/authenticate/")
    back = op.authorize(start["Location"], "karen").removeprefix("http://testserver")
    op.stop()
    response = client.get(back)
    assert "Kommunens login svarer ikke lige nu" in client.get(response["Location"]).content.decode()
    assert signed_in_user(client) is None
