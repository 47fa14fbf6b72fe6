"""The layers of docs/architecture.md are held by import-linter (run by `make lint`).

The contracts are only worth something if crossing a layer makes the lint fail, so the test copies the
source packages, adds one forbidden import, and runs the same command `make lint` runs.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("portal", "enterprises", "citizens", "matching")
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _copy_tree(tmp_path: Path) -> Path:
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__", "migrations")
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def _lint(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=cwd,
        env={"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    if not LINT_IMPORTS.exists():
        pytest.fail("lint-imports is missing: `make install` installs import-linter")
    return _copy_tree(tmp_path)


def test_it_keeps_the_layers_of_the_checkout(tree: Path) -> None:
    result = _lint(tree)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "forbidden_import", "message"),
    [
        # The register must not know about matching (a lower layer importing a higher one) ...
        (
            "enterprises/selectors.py",
            "import matching.models",
            "enterprises is not allowed to import matching",
        ),
        # ... nor about citizens (two independent apps in one layer) ...
        ("enterprises/rules.py", "import citizens.models", "enterprises is not allowed to import citizens"),
        # ... and the base imports no app at all, not even hidden inside a function.
        (
            "portal/core/access.py",
            "def _dodge():\n    import citizens.models  # noqa\n",
            "portal.core is not allowed to import citizens",
        ),
    ],
)
def test_it_fails_on_a_forbidden_import(tree: Path, module: str, forbidden_import: str, message: str) -> None:
    path = tree / module
    path.write_text(path.read_text() + "\n" + forbidden_import + "\n")
    result = _lint(tree)
    assert result.returncode != 0
    assert message in result.stdout
