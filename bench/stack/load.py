"""The stack test's load: case workers logged in through the proxy, mixing page views and case-note
writes, every request recorded (time, status, which app server answered)."""

import random
import re
import ssl
import threading
import time
from dataclasses import dataclass, field
from http.client import HTTPException, HTTPSConnection
from urllib.parse import urlencode

HOST, PORT = "127.0.0.1", 8443
ORIGIN = f"https://{HOST}:{PORT}"
PASSWORD = "stack-load-password-1"


@dataclass
class Result:
    started: float
    ended: float
    kind: str
    status: int  # 0: no HTTP answer at all (connection reset or refused)
    server: str

    @property
    def failed(self) -> bool:
        return self.status == 0 or self.status >= 500

    @property
    def ms(self) -> float:
        return (self.ended - self.started) * 1000


@dataclass
class Recorder:
    results: list[Result] = field(default_factory=list)
    acknowledged: list[str] = field(default_factory=list)
    logged_in: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def between(self, start: float, end: float) -> list[Result]:
        return [r for r in self.results if start <= r.started < end and r.kind != "login"]


class Browser:
    """A cookie-keeping HTTPS client over one keep-alive connection to the proxy (self-signed cert)."""

    def __init__(self) -> None:
        self.context = ssl.create_default_context()
        self.context.check_hostname = False
        self.context.verify_mode = ssl.CERT_NONE
        self.conn: HTTPSConnection | None = None
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str, str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form)
            headers |= {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": ORIGIN,
                "Referer": ORIGIN + "/",
            }
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        for attempt in (1, 2):
            reused = self.conn is not None
            try:
                if self.conn is None:
                    self.conn = HTTPSConnection(HOST, PORT, timeout=30, context=self.context)
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                text = response.read().decode("utf-8", "replace")
                break
            except (OSError, HTTPException):
                self.conn = None
                # As browsers do: a GET on a kept-alive connection the proxy had just closed is sent
                # again once on a new one. A POST never is (it may have been applied).
                if not (reused and method == "GET" and attempt == 1):
                    return 0, "", ""
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, text, response.getheader("X-App-Server", "")

    def login(self, username: str) -> int:
        _, html, _ = self.request("GET", "/accounts/login/")
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        token = match.group(1) if match else ""
        status, _, _ = self.request(
            "POST",
            "/accounts/login/",
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
        )
        return status


def case_worker(
    number: int, citizen_ids: list[int], run_id: str, stop: threading.Event, rec: Recorder
) -> None:
    rng = random.Random(number)
    browser = Browser()
    while browser.login(f"load{number:02d}") != 302 and not stop.is_set():
        time.sleep(0.5)
    with rec.lock:
        rec.logged_in += 1
    sequence = 0
    while not stop.is_set():
        pk = rng.choice(citizen_ids)
        roll = rng.random()
        started = time.monotonic()
        if roll < 0.25:
            sequence += 1
            text = f"stack {run_id} {number}-{sequence}"
            status, _, server = browser.request(
                "POST", f"/citizens/{pk}/notes/", {"kind": "note", "text": text}
            )
            kind = "write note"
            if status == 302:
                with rec.lock:
                    rec.acknowledged.append(text)
        elif roll < 0.5:
            status, _, server = browser.request("GET", f"/citizens/{pk}/")
            kind = "citizen detail"
        elif roll < 0.75:
            status, _, server = browser.request("GET", "/citizens/")
            kind = "citizen list"
        else:
            status, _, server = browser.request("GET", "/")
            kind = "home"
        with rec.lock:
            rec.results.append(Result(started, time.monotonic(), kind, status, server))


def poll_health(stop: threading.Event, seen: list[tuple[float, float, int]]) -> None:
    """(started, ended, status) of /healthz through the proxy, five times a second."""
    browser = Browser()
    while not stop.is_set():
        started = time.monotonic()
        status, _, _ = browser.request("GET", "/healthz")
        seen.append((started, time.monotonic(), status))
        time.sleep(0.2)
