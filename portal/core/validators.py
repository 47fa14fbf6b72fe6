"""Small validators shared by forms and services."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def validate_single_line(value: str) -> None:
    """Titles end up in e-mail subjects and one-line headings: a line break there breaks the send."""
    if any(ch in (value or "") for ch in "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"):
        raise ValidationError(_("Skriv teksten på én linje (uden linjeskift)."), code="line_break")


def single_line(value: str) -> str:
    """Whatever is stored, a header gets one line (older versions may hold a line break)."""
    return " ".join((value or "").split())
