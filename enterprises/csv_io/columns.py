"""The CSV columns and how one cell becomes a value. Errors are Danish, raised as ValueError."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _

from enterprises.models import EnterpriseKind, EnterpriseStatus

# Export order. Import accepts any order and case; extra known columns are optional.
COLUMNS = [
    "cvr",
    "navn",
    "type",
    "status",
    "adresse",
    "postnummer",
    "kommunekode",
    "branchekode",
    "beskrivelse",
    "hjemmeside",
    "email",
    "telefon",
    "kontaktperson",
    "rsv",
    "ordinaert_ansatte",
    "maalgrupper",
    "erfaring",
    "tilbud",
    "p_nummer",
]
REQUIRED_COLUMNS = ("cvr", "navn", "postnummer")

KIND_CODES = {
    "socialoekonomisk": EnterpriseKind.SOCIAL_ECONOMY,
    "socialt_ansvarlig": EnterpriseKind.SOCIALLY_RESPONSIBLE,
}
STATUS_CODES = {
    "aktiv": EnterpriseStatus.ACTIVE,
    "pause": EnterpriseStatus.PAUSED,
    "arkiveret": EnterpriseStatus.ARCHIVED,
}
KIND_NAMES = {value: key for key, value in KIND_CODES.items()}
STATUS_NAMES = {value: key for key, value in STATUS_CODES.items()}
YES = {"ja", "j", "yes", "y", "1", "sand", "true", "x"}
NO = {"nej", "n", "no", "0", "falsk", "false", ""}


def fold(text: str) -> str:
    """A code as typed in Excel, compared without case and with Danish letters or their ASCII
    spelling: »Socialøkonomisk« = »socialoekonomisk«."""
    value = text.strip().lower()
    for danish, ascii_ in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("é", "e"), (" ", "_"), ("-", "_")):
        value = value.replace(danish, ascii_)
    return value


def _valid(codes) -> str:
    return _(" (gyldige: %(codes)s)") % {"codes": ", ".join(sorted(codes))}


def normalise_header(name: str) -> str:
    name = name.strip().strip("\ufeff").lower()
    for danish, ascii_ in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), (" ", "_"), ("-", "_")):
        name = name.replace(danish, ascii_)
    return name


def parse_bool(text: str) -> bool:
    value = text.strip().lower()
    if value in YES:
        return True
    if value in NO:
        return False
    raise ValueError(_("skal være »ja« eller »nej«"))


def parse_decimal(text: str) -> Decimal:
    value = text.strip().replace(" ", "")
    if not value:
        return Decimal("0")
    if "," in value:
        value = value.replace(".", "").replace(",", ".")
    try:
        number = Decimal(value)
    except InvalidOperation as exc:
        raise ValueError(_("er ikke et tal (brug fx 12,5)")) from exc
    if not number.is_finite() or number < 0:
        raise ValueError(_("skal være 0 eller større"))
    if number >= Decimal("100000"):
        raise ValueError(_("er for stort"))
    return number.quantize(Decimal("0.01"))


def parse_choice(text: str, choices: dict[str, str], default: str) -> str:
    value = fold(text)
    if not value:
        return default
    folded = {fold(name): code for name, code in choices.items()} | {
        fold(code): code for code in choices.values()
    }
    if value in folded:
        return folded[value]
    raise ValueError(_("skal være en af: %(choices)s") % {"choices": ", ".join(choices)})


def parse_codes(text: str, known: set[str]) -> list[str]:
    codes = [fold(code) for code in text.split("|") if code.strip()]
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise ValueError(_("ukendt kode: %(codes)s") % {"codes": ", ".join(unknown)} + _valid(known))
    return list(dict.fromkeys(codes))


def parse_offers(text: str, known: set[str]) -> dict[str, int]:
    offers: dict[str, int] = {}
    for part in (p.strip() for p in text.split("|")):
        if not part:
            continue
        code, sep, places = part.partition(":")
        code = fold(code)
        if not sep:
            raise ValueError(
                _("»%(part)s« skal skrives som type:pladser, fx virksomhedspraktik:2") % {"part": part}
            )
        if code not in known:
            raise ValueError(_("ukendt forløbstype: %(code)s") % {"code": code} + _valid(known))
        if code in offers:
            raise ValueError(_("forløbstypen %(code)s står to gange") % {"code": code})
        try:
            number = int(places.strip())
        except ValueError as exc:
            raise ValueError(_("antal pladser for %(code)s er ikke et helt tal") % {"code": code}) from exc
        if number < 0:
            raise ValueError(_("antal pladser for %(code)s kan ikke være negativt") % {"code": code})
        if number > 32767:
            raise ValueError(_("antal pladser for %(code)s er for stort") % {"code": code})
        offers[code] = number
    return offers


def parse_industry(text: str, known: set[str]) -> str | None:
    digits = "".join(ch for ch in text if ch.isdigit())
    if not digits:
        return None
    if len(digits) not in (2, 4, 6):
        raise ValueError(_("skal være en DB07-branchekode (2 eller 6 cifre)"))
    if digits[:2] not in known:
        raise ValueError(_("ukendt branchekode: %(code)s") % {"code": digits[:2]})
    return digits[:2]


def parse_url(text: str) -> str:
    value = text.strip()
    if value and "://" not in value:
        value = f"https://{value}"
    if value:
        try:
            URLValidator()(value)
        except ValidationError as exc:
            raise ValueError(_("er ikke en gyldig webadresse")) from exc
    return value


def parse_email(text: str) -> str:
    value = text.strip()
    if value:
        try:
            EmailValidator()(value)
        except ValidationError as exc:
            raise ValueError(_("er ikke en gyldig e-mailadresse")) from exc
    return value


def parse_text(text: str, max_length: int) -> str:
    value = text.strip()
    if len(value) > max_length:
        raise ValueError(_("er for lang (højst %(n)s tegn)") % {"n": max_length})
    return value
