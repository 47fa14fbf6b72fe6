"""Signed verification tokens. The database keeps only a SHA-256 of each token, so a copy of the
database cannot be turned into working links; the signature (Django's signing with SECRET_KEY) makes an
altered token fail before any lookup and carries the 30-day age limit."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.core import signing

SALT = "enterprises.verification-link"
VALID_FOR = timedelta(days=30)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> tuple[str, str]:
    """(token for the e-mail, hash for the database)."""
    token = signing.TimestampSigner(salt=SALT).sign(secrets.token_urlsafe(24))
    return token, hash_token(token)


@dataclass(frozen=True)
class Checked:
    token_hash: str
    expired: bool


def check_token(token: str) -> Checked | None:
    """None for a token we never signed (altered or made up); otherwise its hash and whether it is
    older than VALID_FOR."""
    signer = signing.TimestampSigner(salt=SALT)
    try:
        signer.unsign(token, max_age=VALID_FOR)
    except signing.SignatureExpired:
        return Checked(hash_token(token), expired=True)
    except signing.BadSignature:
        return None
    return Checked(hash_token(token), expired=False)
