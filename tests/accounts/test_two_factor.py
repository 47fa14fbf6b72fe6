"""Two-factor: administrators (and, with LOCAL_LOGIN_REQUIRE_MFA, every local account) reach no page
but the setup until they have confirmed an authenticator; a real TOTP code from the secret works."""

import base64
import hashlib
import hmac
import re
import struct
import time

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken

from portal.core.models import AuditAction, AuditEvent, User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.usefixtures("two_factor_enforced")
SETUP = reverse("accounts:two_factor_setup")
VERIFY = reverse("accounts:two_factor_verify")


def totp(secret_b32: str, at: float | None = None) -> str:
    """RFC 6238 written out here, independent of django-otp: what a phone app computes."""
    secret = secret_b32.replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    counter = int((at or time.time()) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{code:06d}"


def sign_in(username: str) -> Client:
    client = Client()
    assert client.post("/accounts/login/", {"username": username, "password": PASSWORD}).status_code == 302
    return client


def enrol(client: Client) -> tuple[str, list[str]]:
    page = client.get(SETUP).content.decode()
    assert "<svg" in page
    secret = re.search(r'<code class="otp-secret">([A-Z2-7 ]+)</code>', page).group(1)
    response = client.post(SETUP, {"token": totp(secret)})
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", response.content.decode())
    return secret, codes


def test_a_register_admin_without_a_device_reaches_no_page_but_the_setup(admin_user):
    client = sign_in("anna")
    for path in ["/", "/enterprises/", reverse("accounts:me"), "/statistics/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(SETUP)
    assert client.get(SETUP).status_code == 200


def test_a_real_totp_code_from_the_enrolled_secret_opens_the_portal(admin_user):
    client = sign_in("anna")
    secret, codes = enrol(client)
    assert len(codes) == 10
    assert client.get("/enterprises/").status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.MFA_ENROLL, actor=admin_user).exists()

    # Next time: password, then the code from the same secret.
    again = sign_in("anna")
    assert again.get("/")["Location"].startswith(VERIFY)
    wrong = again.post(VERIFY, {"token": "000000" if totp(secret) != "000000" else "111111"})
    assert "Koden passer ikke" in wrong.content.decode()
    assert again.get("/").status_code == 302
    time.sleep(1.1)  # django-otp waits a second after a wrong code before it tries another
    # The step used at enrolment is spent (no replay); the app's next code is accepted.
    assert (
        again.post(VERIFY, {"token": totp(secret, time.time() + 30), "next": "/enterprises/"})["Location"]
        == "/enterprises/"
    )
    assert again.get("/").status_code == 200


def test_a_recovery_code_works_once(admin_user):
    _, codes = enrol(sign_in("anna"))
    first = sign_in("anna")
    assert first.post(VERIFY, {"token": codes[0]}).status_code == 302
    assert first.get("/").status_code == 200
    second = sign_in("anna")
    assert "Koden passer ikke" in second.post(VERIFY, {"token": codes[0]}).content.decode()
    assert not StaticToken.objects.filter(token=codes[0]).exists()


def test_a_wrong_code_at_setup_confirms_nothing(admin_user):
    client = sign_in("anna")
    client.get(SETUP)
    response = client.post(SETUP, {"token": "12345"})
    assert "Koden passer ikke" in response.content.decode()
    assert client.get("/")["Location"].startswith(SETUP)


def test_a_stolen_password_cannot_enrol_a_new_phone(admin_user):
    enrol(sign_in("anna"))
    thief = sign_in("anna")
    assert thief.get(SETUP)["Location"].startswith(VERIFY)


def test_system_admins_need_it_too_and_caseworkers_only_with_local_login_require_mfa(
    system_admin, caseworker, settings
):
    assert sign_in("sysa").get("/")["Location"].startswith(SETUP)
    assert sign_in("sara").get("/").status_code == 200
    settings.LOCAL_LOGIN_REQUIRE_MFA = True
    assert sign_in("sara").get("/")["Location"].startswith(SETUP)


def test_development_mode_lets_demo_users_in_without_it(admin_user, settings):
    settings.TWO_FACTOR_ENFORCED = False
    assert sign_in("anna").get("/").status_code == 200


def test_the_admin_is_for_superusers_who_used_their_second_factor(db):
    User.objects.create_superuser(username="root", password=PASSWORD, email="root@example.dk")
    client = Client()
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "root", "password": PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 302
    assert client.get("/admin/")["Location"].startswith(SETUP)
    enrol(client)
    assert client.get("/admin/").status_code == 200


def test_a_staff_user_who_is_not_superuser_is_kept_out_of_the_admin(caseworker, settings):
    settings.TWO_FACTOR_ENFORCED = False
    caseworker.is_staff = True
    caseworker.save()
    client = sign_in("sara")
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
