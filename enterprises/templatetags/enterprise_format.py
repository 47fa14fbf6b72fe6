"""Small Danish formats for the register's pages."""

from datetime import datetime, timedelta
from decimal import Decimal

from django import template
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

from portal.core.formats import format_number

register = template.Library()


@register.filter
def danish_number(value: Decimal | int | float | None) -> str:
    """12.50 → "12,5", 6.00 → "6" (FTE and the like)."""
    return "" if value is None or value == "" else format_number(value)


@register.filter
def age(value: datetime | None) -> str:
    """ "lige nu" under a minute (timesince would say "0 minutter"), else "for 3 timer siden"."""
    if not value:
        return ""
    if timezone.now() - value < timedelta(minutes=1):
        return _("lige nu")
    return _("for %(age)s siden") % {"age": timesince(value)}
