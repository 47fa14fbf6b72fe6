from django.test import RequestFactory

from portal.core.audit import client_ip


def request_with(forwarded: str | None):
    headers = {"REMOTE_ADDR": "10.0.0.5"}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


def test_without_trusted_proxies_a_forged_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request_with("6.6.6.6")) == "10.0.0.5"


def test_behind_one_proxy_the_address_it_appended_is_used(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client forged "6.6.6.6"; our proxy appended the real address.
    assert client_ip(request_with("6.6.6.6, 203.0.113.7")) == "203.0.113.7"
    assert client_ip(request_with(None)) == "10.0.0.5"


def test_behind_two_proxies(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request_with("6.6.6.6, 203.0.113.7, 10.0.0.9")) == "203.0.113.7"
