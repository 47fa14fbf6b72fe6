"""CSV cells that Excel would run as formulas (CSV injection) get a leading apostrophe.

Every CSV download goes through `excel_safe`; the register import reverses it with `from_excel_safe`
so export → import stays lossless."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def excel_safe(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def from_excel_safe(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_STARTS) else value
