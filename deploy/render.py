#!/usr/bin/env python3
"""Render deploy/systemd and deploy/nginx for one machine: replace @NAME@ placeholders, write to OUT.

    deploy/render.py --out /tmp/rendered APP_DIR=/srv/brobygger USER=brobygger ...

Unset names take the defaults below (paths of this checkout); an unknown or leftover placeholder is an
error, so a typo never reaches /etc.
"""

import argparse
import getpass
import grp
import os
import re
import sys
from pathlib import Path

DEPLOY_DIR = Path(__file__).resolve().parent
PLACEHOLDER = re.compile(r"@([A-Z][A-Z0-9_]*)@")


def defaults() -> dict[str, str]:
    app_dir = DEPLOY_DIR.parent
    return {
        "APP_DIR": str(app_dir),
        "VENV": str(app_dir / ".venv"),
        "VAR_DIR": str(app_dir / "var"),
        "ENV_FILE": "/etc/brobygger/brobygger.env",
        "BACKUP_ENV_FILE": "/etc/brobygger/backup.env",
        "USER": getpass.getuser(),
        "GROUP": grp.getgrgid(os.getgid()).gr_name,
        "SERVER_NAME": "brobygger.example.dk",
        "APP_PORT_1": "8001",
        "APP_PORT_2": "8002",
        "HTTP_PORT": "80",
        "HTTPS_PORT": "443",
        "TLS_CERT": "/etc/ssl/certs/brobygger.pem",
        "TLS_KEY": "/etc/ssl/private/brobygger.key",
        "STATIC_ROOT": str(app_dir / "var" / "staticfiles"),
        "LOG_DIR": "/var/log/nginx",
        "CONF_DIR": "/etc/nginx/snippets",
    }


def render(text: str, values: dict[str, str], name: str) -> str:
    missing = sorted({m for m in PLACEHOLDER.findall(text) if m not in values})
    if missing:
        raise SystemExit(f"{name}: no value for {', '.join(missing)}")
    return PLACEHOLDER.sub(lambda m: values[m.group(1)], text)


def render_all(out: Path, overrides: dict[str, str]) -> list[Path]:
    values = {**defaults(), **overrides}
    written = []
    for folder in ("systemd", "nginx"):
        (out / folder).mkdir(parents=True, exist_ok=True)
        for source in sorted((DEPLOY_DIR / folder).iterdir()):
            target = out / folder / source.name
            target.write_text(render(source.read_text(), values, source.name))
            written.append(target)
    return written


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("values", nargs="*", metavar="NAME=VALUE")
    args = parser.parse_args(argv)
    overrides = dict(item.split("=", 1) for item in args.values)
    for path in render_all(args.out, overrides):
        print(path)


if __name__ == "__main__":
    main(sys.argv[1:])
