"""Uploads waiting for the user's confirmation (the CSV import's preview → confirm), kept as files under
MEDIA_ROOT: shared by every app server like the logos, and not lost when the cache is flushed or evicts.

A pending upload belongs to one user and one random token; it expires after `max_age` seconds and is
deleted when it is taken (or found expired)."""

import re
import secrets
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

FOLDER = "pending-uploads"
# Uploads nobody confirmed are removed when the same user uploads again after this long.
FORGOTTEN_AFTER = timedelta(days=1)
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def _path(kind: str, user_id: int, token: str) -> str:
    return f"{FOLDER}/{kind}/{int(user_id)}/{token}"


def save_pending(*, kind: str, user_id: int, data: bytes, filename: str) -> str:
    """Keep `data` for `user_id`; returns the token that takes it back."""
    _remove_forgotten(kind, user_id)
    token = secrets.token_urlsafe(16)
    name = filename.replace("\n", " ")[:200].encode()
    default_storage.save(_path(kind, user_id, token), ContentFile(name + b"\n" + data))
    return token


def take_pending(*, kind: str, user_id: int, token: str, max_age: int) -> tuple[bytes, str] | None:
    """(data, filename) and the file deleted; None when unknown, another user's, or expired."""
    if not _TOKEN.match(token or ""):
        return None
    path = _path(kind, user_id, token)
    if not default_storage.exists(path):
        return None
    try:
        expired = default_storage.get_modified_time(path) < timezone.now() - timedelta(seconds=max_age)
        if expired:
            return None
        with default_storage.open(path, "rb") as fh:
            name, _, data = fh.read().partition(b"\n")
        return data, name.decode()
    finally:
        default_storage.delete(path)


def _remove_forgotten(kind: str, user_id: int) -> None:
    folder = f"{FOLDER}/{kind}/{int(user_id)}"
    if not default_storage.exists(folder):
        return
    cutoff = timezone.now() - FORGOTTEN_AFTER
    for name in default_storage.listdir(folder)[1]:
        if default_storage.get_modified_time(f"{folder}/{name}") < cutoff:
            default_storage.delete(f"{folder}/{name}")
