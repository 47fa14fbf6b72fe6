"""CPR numbers (docs/domain.md): normalise, validate, mask, encrypt at rest and hash for exact lookup.

- Accepts `DDMMYY-SSSS` or 10 digits; checks the format and a real, past date (python-stdnum), never
  modulus 11 (numbers issued since 2007 may fail it; `fails_modulus_11` is for a soft notice only).
- At rest: Fernet ciphertext (`encrypt`/`decrypt`) plus an HMAC-SHA256 of the ten digits with a key
  derived from `FIELD_ENCRYPTION_KEY` (`lookup_hash`), so exact search and duplicate checks never
  need the clear number. The clear number is never logged and never put in URLs or page titles.
"""

import datetime
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions as stdnum_exceptions
from stdnum.dk import cpr as stdnum_cpr

MASK_SUFFIX = "XXXX"


class CprError(ValueError):
    """Raised by `normalise` for input that is not a CPR number; the message is Danish, user-facing."""


def normalise(raw: str) -> str:
    """Return the ten digits of a valid CPR number or raise `CprError`."""
    value = (raw or "").strip()
    compact = stdnum_cpr.compact(value)
    if not compact.isdigit() or len(compact) != 10:
        raise CprError(_("Skriv CPR-nummeret som DDMMÅÅ-XXXX eller 10 cifre."))
    if value and "-" in value and not (len(value) == 11 and value[6] == "-"):
        raise CprError(_("Skriv CPR-nummeret som DDMMÅÅ-XXXX eller 10 cifre."))
    try:
        birth = stdnum_cpr.get_birth_date(compact)
    except stdnum_exceptions.ValidationError as exc:
        raise CprError(_("CPR-nummeret indeholder ikke en gyldig dato.")) from exc
    if birth > datetime.date.today():
        raise CprError(_("CPR-nummerets fødselsdato ligger i fremtiden."))
    return compact


def birth_date(cpr: str) -> datetime.date:
    return stdnum_cpr.get_birth_date(cpr)


def fails_modulus_11(cpr: str) -> bool:
    """Only for a soft notice: many valid numbers (issued since 2007) fail it."""
    return stdnum_cpr.checksum(cpr) != 0


def format_cpr(cpr: str) -> str:
    return f"{cpr[:6]}-{cpr[6:]}"


def mask(birth: datetime.date | None) -> str:
    """`DDMMYY-XXXX` from the birth date, so showing a masked number needs no decryption."""
    if birth is None:
        return "–"
    return f"{birth:%d%m%y}-{MASK_SUFFIX}"


@lru_cache(maxsize=4)
def _fernet(key: str) -> Fernet:
    return Fernet(key.encode())


@lru_cache(maxsize=4)
def _hash_key(key: str) -> bytes:
    # A separate key for the lookup hash, derived from the encryption key (never the key itself).
    return hmac.new(key.encode(), b"brobygger:cpr-lookup-hash:v1", hashlib.sha256).digest()


def encrypt(cpr: str) -> str:
    return _fernet(settings.FIELD_ENCRYPTION_KEY).encrypt(cpr.encode()).decode()


def decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return _fernet(settings.FIELD_ENCRYPTION_KEY).decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ValueError("CPR ciphertext cannot be decrypted with FIELD_ENCRYPTION_KEY") from exc


def lookup_hash(cpr: str) -> str:
    """HMAC-SHA256 (hex) of the ten digits: for exact search and the per-jobcenter uniqueness rule."""
    return hmac.new(_hash_key(settings.FIELD_ENCRYPTION_KEY), cpr.encode(), hashlib.sha256).hexdigest()
