"""What /healthz checks. The database and media storage are needed for every answer (503 when they fail:
the load balancer takes this server out); the cache is not (degraded, still 200: when Redis is down
for every server, draining them all would turn a slow portal into none)."""

import logging
import uuid

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection

logger = logging.getLogger(__name__)


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any failure means "cannot serve"; the reason goes to the log
        logger.exception("health check: database failed")
        return False
    return True


def media_ok() -> bool:
    """Write, read back and delete a small file where uploads go (MEDIA_ROOT, shared storage)."""
    name = f".healthz/{uuid.uuid4().hex}"
    try:
        saved = default_storage.save(name, ContentFile(b"ok"))
        try:
            with default_storage.open(saved) as fh:
                return fh.read() == b"ok"
        finally:
            default_storage.delete(saved)
    except Exception:
        logger.exception("health check: media storage failed")
        return False


def cache_ok() -> bool:
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "ok", 10)
        ok = cache.get(key) == "ok"
        cache.delete(key)
    except Exception:
        logger.warning("health check: cache failed", exc_info=True)
        return False
    return ok


def health() -> tuple[dict[str, str], bool]:
    """The JSON body and whether this server can serve (False → 503)."""
    checks = {"database": database_ok(), "media": media_ok(), "cache": cache_ok()}
    serving = checks["database"] and checks["media"]
    body = {
        "status": "ok" if serving and checks["cache"] else ("degraded" if serving else "error"),
        "database": "ok" if checks["database"] else "unavailable",
        "media": "ok" if checks["media"] else "unavailable",
        "cache": "ok" if checks["cache"] else "degraded",
    }
    return body, serving
