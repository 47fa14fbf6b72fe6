"""Logging filters. Secret URL parts (private calendar-feed tokens) never reach a log line."""

import logging
import re

# /agenda/calendar/<token>.ics (matching/urls.py): the token is the only secret in a URL path.
SECRET_PATH = re.compile(r"(/agenda/calendar/)[A-Za-z0-9_\-]+")


def mask(text: str) -> str:
    return SECRET_PATH.sub(r"\1***", text)


class MaskSecretUrls(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True
