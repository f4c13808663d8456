"""core is the floor the apps stand on: it imports none of them, and an app adds its part of the
content version without an edit to core."""

import ast
from pathlib import Path

import pytest

from core import versioning
from core.caching import forget_version, page_version

CORE = Path(__file__).resolve().parents[2] / "core"
APPS = ("guides", "triage", "offline")


def imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.add(node.module)
    return modules


@pytest.mark.parametrize(
    "path", sorted(CORE.rglob("*.py")), ids=lambda path: str(path.relative_to(CORE))
)
def test_core_imports_no_app(path):
    wrong = {module for module in imported_modules(path) if module.split(".")[0] in APPS}
    assert not wrong, f"core/{path.relative_to(CORE)} imports {sorted(wrong)}"


def test_the_import_check_sees_an_import_of_an_app(tmp_path):
    module = tmp_path / "example.py"
    module.write_text("import os\nfrom triage.rules import x\nfrom . import y\n")
    assert "triage.rules" in imported_modules(module)


@pytest.fixture
def extra_part():
    """A new app's part of the content version, removed afterwards."""
    state = {"version": "one", "forgotten": 0}

    def forget():
        state["forgotten"] += 1

    versioning.register(
        "extra", versioning.ContentPart(version=lambda: state["version"], forget=forget)
    )
    yield state
    del versioning._parts["extra"]
    forget_version()


def test_the_apps_register_their_parts():
    assert list(versioning._parts)[:2] == ["guides", "triage"]


def test_a_new_app_plugs_into_the_content_version_without_editing_core(db, extra_part):
    before = page_version()
    extra_part["version"] = "two"
    forget_version()
    assert extra_part["forgotten"] == 1
    assert page_version() != before
