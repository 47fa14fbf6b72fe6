"""The authenticator QR code as inline SVG (segno: no image libraries, and SVG passes the strict CSP)."""

from base64 import b32encode

import segno
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice


def otpauth_svg(device: TOTPDevice) -> str:
    return segno.make(device.config_url, error="m").svg_inline(
        scale=4, title=_("QR-kode til din godkendelsesapp"), border=2
    )


def base32_secret(device: TOTPDevice) -> str:
    """The same secret as the QR code, grouped in fours for typing by hand."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
