"""One JSON object per log line, with the request id of the request being served.

Own code rather than a library: a dozen lines of `json.dumps`, and the one place that decides which
fields may reach a log line (no request objects, so never a query string, body or cookie)."""

import contextvars
import json
import logging
from datetime import UTC, datetime

from portal.core.log_paths import mask_path

# The request being served in this thread/task, for every log line written while serving it.
current_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")

# Attributes every LogRecord has; anything else was passed with `extra=` and is a field of its own.
_RECORD_ATTRS = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}
# Extras that are objects, not data: Django passes the request to django.request's records.
_DROPPED = {"request", "server_time"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "pid": record.process,
            "message": record.getMessage(),
        }
        # Django logs a 4xx/5xx after the middleware returned, with the request attached to the record.
        request_id = current_request_id.get() or getattr(getattr(record, "request", None), "request_id", "")
        if request_id:
            entry["request_id"] = request_id
        for key, value in vars(record).items():
            if key in _RECORD_ATTRS or key in _DROPPED or key in entry:
                continue
            entry[key] = value if isinstance(value, str | int | float | bool | None) else str(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class MaskPathsFilter(logging.Filter):
    """Django's own request warnings ("Not Found: /path") name the path: mask its secrets."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                mask_path(arg) if isinstance(arg, str) and arg.startswith("/") else arg for arg in record.args
            )
        return True
