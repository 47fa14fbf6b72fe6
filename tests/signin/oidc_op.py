"""Start the npm `oidc-provider` test provider (tests/signin/oidc_provider.mjs) and walk its dev login
and consent forms with plain HTTP, as a browser would."""

import json
import re
import subprocess
from html import unescape
from pathlib import Path
from urllib.parse import urljoin

import requests

SCRIPT = Path(__file__).with_name("oidc_provider.mjs")
NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"


class TestOP:
    def __init__(self, directory: Path, *, redirect_uri: str, post_logout_uri: str) -> None:
        self.accounts_file = directory / "oidc-accounts.json"
        self.accounts: dict[str, dict] = {}
        self.save()
        self.process = subprocess.Popen(
            ["node", str(SCRIPT), str(self.accounts_file), redirect_uri, post_logout_uri],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=NODE_MODULES.parent,
        )  # fmt: skip
        self.issuer = json.loads(self.process.stdout.readline())["issuer"]
        self.browser = requests.Session()  # the provider's cookies: its own login session

    def person(self, login: str, *, roles, kommunekode="751", **claims) -> None:
        """Create or change a person at the provider (read again at every sign-in)."""
        base = {"given_name": "Karen", "family_name": "Kommune", "email": f"{login}@kommune.dk"}
        self.accounts[login] = base | claims | {"roles": roles, "kommunekode": kommunekode}
        self.save()

    def save(self) -> None:
        self.accounts_file.write_text(json.dumps(self.accounts))

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)

    def authorize(self, authorization_url: str, login: str) -> str:
        """Follow the provider's pages from the authorization URL, sign in as `login` and consent;
        returns the redirect back to the portal (its callback URL with code and state)."""
        url, method, data = authorization_url, "get", None
        for _step in range(12):
            response = self.browser.request(method, url, data=data, allow_redirects=False, timeout=10)
            if response.is_redirect:
                location = urljoin(url, response.headers["Location"])
                if not location.startswith(self.issuer):
                    return location
                url, method, data = location, "get", None
                continue
            response.raise_for_status()
            action = urljoin(url, unescape(re.search(r'<form[^>]*action="([^"]+)"', response.text).group(1)))
            fields = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', response.text))
            if 'name="login"' in response.text:
                fields |= {"login": login, "password": "vilkaarligt"}
            url, method, data = action, "post", fields
        raise AssertionError("the provider never sent the browser back")
