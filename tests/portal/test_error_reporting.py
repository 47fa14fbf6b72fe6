"""Error reports (sentry-sdk, only with SENTRY_DSN) carry no personal data: the scrubber, and the SDK
really sending a scrubbed event through a transport of our own."""

import sentry_sdk

from portal.core.error_reporting import init_error_reporting, scrub_event


def _event() -> dict:
    return {
        "request": {
            "method": "POST",
            "url": "https://brobygger.example.dk/citizens/?q=Zebulonia+Quixtrup",
            "query_string": "q=Zebulonia+Quixtrup",
            "data": {"cpr": "211062-5629"},
            "cookies": {"sessionid": "abc"},
            "headers": {"Cookie": "sessionid=abc", "Authorization": "Bearer x", "User-Agent": "Firefox"},
            "env": {"REMOTE_ADDR": "10.1.2.3"},
        },
        "user": {"id": "7", "username": "sara", "email": "sara@aarhus.dk", "ip_address": "10.1.2.3"},
        "exception": {
            "values": [
                {
                    "stacktrace": {
                        "frames": [
                            {
                                "function": "f",
                                "vars": {"cpr": "211062-5629"},
                                "context_line": "f('211062-5629')",
                            }
                        ]
                    }
                }
            ]
        },
        "breadcrumbs": {
            "values": [
                {"category": "httplib", "data": {"url": "https://dawa.example/x?navn=Zebulonia"}},
                {"category": "query", "message": "SELECT ... WHERE name = 'Zebulonia'", "data": {"p": 1}},
            ]
        },
        "transaction": "/register/bekraeft/eyJhbGciOiJIUzI1NiJ9abcdef1234/",
    }


def test_the_scrubber_removes_query_strings_bodies_cookies_locals_and_user_details():
    event = scrub_event(_event(), {})

    assert event["request"] == {
        "method": "POST",
        "url": "https://brobygger.example.dk/citizens/",
        "headers": {"User-Agent": "Firefox"},
    }
    assert event["user"] == {"id": "7"}
    assert event["exception"]["values"][0]["stacktrace"]["frames"][0] == {"function": "f"}
    crumbs = event["breadcrumbs"]["values"]
    assert crumbs[0]["data"]["url"] == "https://dawa.example/x"
    assert "message" not in crumbs[1] and crumbs[1]["data"] == {}
    assert event["transaction"] == "/register/bekraeft/***/"
    text = repr(event)
    for secret in ("Zebulonia", "211062", "sessionid", "sara@aarhus.dk", "10.1.2.3", "Bearer"):
        assert secret not in text


def test_the_sdk_sends_events_without_personal_data():
    sent = []

    class Transport(sentry_sdk.transport.Transport):
        def capture_envelope(self, envelope):
            sent.extend(item.payload.json for item in envelope.items if item.payload.json)

    init_error_reporting(dsn="https://key@sentry.example.invalid/1", environment="test")
    client = sentry_sdk.get_client()
    try:
        client.transport = Transport(client.options)
        assert client.options["send_default_pii"] is False
        assert client.options["include_local_variables"] is False
        assert client.options["max_request_body_size"] == "never"
        assert client.options["include_source_context"] is False

        def fails(cpr: str) -> None:
            raise ValueError("boom")

        try:
            fails("211062-5629")
        except ValueError:
            sentry_sdk.capture_exception()
        sentry_sdk.flush()
    finally:
        client.close()
        sentry_sdk.init()  # no DSN: reporting off again for the rest of the suite

    assert sent and "boom" in repr(sent)
    assert "211062-5629" not in repr(sent)
