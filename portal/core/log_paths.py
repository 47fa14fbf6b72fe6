"""What a log line may say about a URL path: never its query string, never a secret token in it.

Apps that put a secret in a path (a confirmation link, a calendar feed) register its pattern once, in
their AppConfig.ready(): `register_secret_path(r"^/register/bekraeft/(?P<secret>[^/]+)/")`. Every
named group of a registered pattern is replaced by `***` before the path reaches a log line, metrics
label or error report.
"""

import re

MASK = "***"

_patterns: list[re.Pattern[str]] = []

# A safety net for paths nobody registered: a long random-looking segment (a signed token) or a
# CPR-like number is masked too.
_FALLBACK = (
    re.compile(
        r"(?<=/)(?P<secret>(?=[A-Za-z0-9_:.-]*\d)(?=[A-Za-z0-9_:.-]*[A-Za-z])[A-Za-z0-9_:.-]{24,})(?=/|$)"
    ),
    re.compile(r"(?<!\d)(?P<secret>\d{6}-?\d{4})(?!\d)"),
)


def register_secret_path(pattern: str) -> None:
    """Mask every named group of `pattern` (a regular expression matched against the path)."""
    compiled = re.compile(pattern)
    if not compiled.groupindex:
        raise ValueError("a secret path pattern needs at least one named group to mask")
    if compiled.pattern not in {p.pattern for p in _patterns}:
        _patterns.append(compiled)


def _mask_groups(pattern: re.Pattern[str], path: str) -> str:
    def replace(match: re.Match[str]) -> str:
        text, start = match.group(0), match.start()
        spans = sorted(match.span(name) for name in pattern.groupindex if match.group(name) is not None)
        for group_start, group_end in reversed(spans):
            text = text[: group_start - start] + MASK + text[group_end - start :]
        return text

    return pattern.sub(replace, path)


def mask_path(path: str) -> str:
    """The path without query string or fragment, with registered and token-like secrets masked."""
    path = path.split("?", 1)[0].split("#", 1)[0]
    for pattern in (*_patterns, *_FALLBACK):
        path = _mask_groups(pattern, path)
    return path
