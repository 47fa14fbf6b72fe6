"""Danish number formatting: the one home for every page, form, history line and PDF."""

from decimal import Decimal


def format_number(value: Decimal | int | float | str, decimals: int = 2) -> str:
    """Danish decimal comma, no trailing zeros, at most `decimals` places:
    6 → "6", 12.50 → "12,5", 1.25 → "1,25", 3.14159 → "3,14"; format_number(4.25, 1) → "4,3"."""
    value = Decimal(str(value))
    if value == value.to_integral_value():
        return str(int(value))
    text = f"{value:.{decimals}f}"
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return text.replace(".", ",")


def format_fixed(value: float | Decimal, decimals: int = 1) -> str:
    """A fixed number of places with a decimal comma, for distances: 4.0 → "4,0"."""
    return f"{value:.{decimals}f}".replace(".", ",")
