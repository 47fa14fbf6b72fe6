"""The HTML the live server sent, exactly as sent, checked with the Nu Html Checker (npm `vnu-jar`).

`SentHtml` wraps the live server's Django handler (not the browser's re-serialised DOM) and keeps
every text/html answer: whole pages as they are, htmx fragments wrapped in a minimal document.
`validate(documents)` runs vnu once over all of them and returns its errors per URL.
"""

import json
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.core.handlers.wsgi import WSGIHandler

VNU_JAR = Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
FRAGMENT_PAGE = (
    '<!doctype html><html lang="da"><head><meta charset="utf-8"><title>htmx-fragment</title></head>'
    "<body>{}</body></html>"
)


@dataclass
class SentHtml:
    documents: dict[str, str] = field(default_factory=dict)  # "GET /path?query" -> a whole document

    def record(self, request, response) -> None:
        if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
            return
        if 300 <= response.status_code < 400 or not response.content.strip():
            return  # a redirect's or an htmx "nothing to swap" answer is not a document
        html = response.content.decode(response.charset or "utf-8")
        fragment = request.headers.get("HX-Request") and not request.headers.get("HX-History-Restore-Request")
        key = f"{request.method} {request.get_full_path()}{' (htmx)' if fragment else ''}"
        self.documents[key] = FRAGMENT_PAGE.format(html) if fragment else html

    def install(self):
        """Wrap the live server's handler; returns a function that undoes it."""
        original = WSGIHandler.get_response
        recorder = self

        def get_response(handler, request):
            response = original(handler, request)
            recorder.record(request, response)
            return response

        WSGIHandler.get_response = get_response
        return lambda: setattr(WSGIHandler, "get_response", original)


def validate(documents: dict[str, str]) -> dict[str, list[str]]:
    """One vnu run over all documents: {url: ["line N: message", ...]} for those with errors."""
    with tempfile.TemporaryDirectory() as folder:
        names = {}
        for number, (url, html) in enumerate(sorted(documents.items())):
            path = Path(folder) / f"{number:05d}.html"
            path.write_text(html, encoding="utf-8")
            names[path.name] = url
        run = subprocess.run(
            [
                "java",
                "-jar",
                str(VNU_JAR),
                "--errors-only",
                "--format",
                "json",
                "--stdout",
                *sorted(str(Path(folder) / name) for name in names),
            ],
            capture_output=True,
            text=True,
            timeout=600,
        )
    if run.returncode not in (0, 1) or not run.stdout.strip():
        raise RuntimeError(f"vnu did not run: {run.stderr[-2000:]}")
    errors: dict[str, list[str]] = {}
    for message in json.loads(run.stdout)["messages"]:
        if message.get("type") != "error":
            continue
        url = names.get(Path(message.get("url", "")).name, message.get("url", "?"))
        errors.setdefault(url, []).append(f"line {message.get('lastLine', '?')}: {message['message']}")
    return errors
