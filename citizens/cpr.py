"""CPR numbers (docs/domain.md): normalise, validate, mask, encrypt at rest and hash for exact lookup.

- Accepts `DDMMYY-SSSS` or 10 digits; checks the format and a real, past date (python-stdnum), never
  modulus 11 (numbers issued since 2007 may fail it; `fails_modulus_11` is for a soft notice only).
- At rest: Fernet ciphertext under `FIELD_ENCRYPTION_KEYS` (newest first; `encrypt`/`decrypt`) plus an
  HMAC-SHA256 of the ten digits (`lookup_hash`) with `CPR_HASH_KEY` or, unset, a key derived from the
  oldest encryption key, so exact search and duplicate checks never need the clear number. The clear
  number is never logged and never put in URLs or page titles. Key rotation: `manage.py rotate_cpr_key`.
"""

import datetime
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
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


@lru_cache(maxsize=8)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    # MultiFernet (cryptography): encrypts with the first key, decrypts with any, `rotate` re-encrypts.
    return MultiFernet([Fernet(key.encode()) for key in keys])


@lru_cache(maxsize=8)
def _derived_hash_key(key: str) -> bytes:
    # A separate key for the lookup hash, derived from an encryption key (never the key itself).
    return hmac.new(key.encode(), b"brobygger:cpr-lookup-hash:v1", hashlib.sha256).digest()


def _keys() -> tuple[str, ...]:
    return tuple(settings.FIELD_ENCRYPTION_KEYS)


def _hash_keys() -> list[bytes]:
    """The search-hash key first, then (until a rehash is done) the one derived from the oldest key."""
    legacy = _derived_hash_key(_keys()[-1])
    if not settings.CPR_HASH_KEY:
        return [legacy]
    current = settings.CPR_HASH_KEY.encode()
    return [current, legacy] if current != legacy else [current]


def encrypt(cpr: str) -> str:
    return _fernet(_keys()).encrypt(cpr.encode()).decode()


def decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return _fernet(_keys()).decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ValueError("CPR ciphertext cannot be decrypted with any of FIELD_ENCRYPTION_KEYS") from exc


def is_current(token: str) -> bool:
    """True when the newest key alone decrypts `token` (what `rotate_cpr_key` checks per row)."""
    try:
        _fernet(_keys()[:1]).decrypt(token.encode())
    except InvalidToken:
        return False
    return True


def reencrypt(token: str) -> str:
    """The same number under the newest key (MultiFernet.rotate)."""
    return _fernet(_keys()).rotate(token.encode()).decode()


def _hmac(key: bytes, cpr: str) -> str:
    return hmac.new(key, cpr.encode(), hashlib.sha256).hexdigest()


def lookup_hash(cpr: str) -> str:
    """HMAC-SHA256 (hex) of the ten digits with the current hash key: what a new or changed row stores."""
    return _hmac(_hash_keys()[0], cpr)


def lookup_hashes(cpr: str) -> list[str]:
    """Every hash a stored row may carry for `cpr`: the current one and, while `rotate_cpr_key --rehash`
    runs, the previous one. Searches and the duplicate check match any of them."""
    return [_hmac(key, cpr) for key in _hash_keys()]
