"""The reader stands alone: no module of opendebate.ingest imports the apps that use it, so the
letter importer and statements depend on ingest and never the other way round."""

from __future__ import annotations

import ast
import pkgutil
from pathlib import Path

import opendebate.ingest

# The apps that read documents through ingest (or build on those that do).
USERS = ("meetings", "statements", "compilation", "intake")


def imported_modules(source: str, module: str, *, package: bool = False) -> set[str]:
    """The absolute names of the modules `source` (module `module`) imports, anywhere in it
    (a function's deferred import included); relative imports resolved."""
    # A package's own name is the base of its relative imports; a module's, its package.
    parts = module.split(".") if package else module.split(".")[:-1]
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = parts[: len(parts) - node.level + 1] if node.level else []
            target = ".".join([*base, *([node.module] if node.module else [])])
            names.add(target)
            # "from opendebate import meetings" imports the module opendebate.meetings.
            names.update(f"{target}.{alias.name}" for alias in node.names)
    return names


def ingest_imports() -> dict[str, set[str]]:
    """Every module of opendebate.ingest, with the modules it imports."""
    found: dict[str, set[str]] = {}
    root = Path(opendebate.ingest.__file__).parent
    found["opendebate.ingest"] = imported_modules(
        (root / "__init__.py").read_text(encoding="utf-8"), "opendebate.ingest", package=True
    )
    for info in pkgutil.walk_packages([str(root)], prefix="opendebate.ingest."):
        relative = Path(*info.name.split(".")[2:])
        path = root / relative / "__init__.py" if info.ispkg else root / f"{relative}.py"
        found[info.name] = imported_modules(
            path.read_text(encoding="utf-8"), info.name, package=info.ispkg
        )
    return found


def is_user(name: str) -> bool:
    return any(
        name == f"opendebate.{app}" or name.startswith(f"opendebate.{app}.") for app in USERS
    )


def test_imported_modules_resolves_every_form_of_import() -> None:
    source = (
        "import opendebate.meetings.importer\n"
        "from opendebate import statements\n"
        "from .text import fold\n"
        "from ..intake import processing\n"
        "def later() -> None:\n"
        "    from opendebate.compilation.build import build\n"
    )
    names = imported_modules(source, "opendebate.ingest.reflow")
    assert sorted(name for name in names if is_user(name)) == [
        "opendebate.compilation.build",
        "opendebate.compilation.build.build",
        "opendebate.intake",
        "opendebate.intake.processing",
        "opendebate.meetings.importer",
        "opendebate.statements",
    ]
    assert "opendebate.ingest.text" in names


def test_ingest_walk_sees_every_module() -> None:
    modules = ingest_imports()
    assert {"opendebate.ingest", "opendebate.ingest.pdf", "opendebate.ingest.reflow"} <= set(
        modules
    )
    assert "opendebate.ingest.reflow" in modules["opendebate.ingest.pdf"]


def test_ingest_imports_none_of_the_apps_that_use_it() -> None:
    offending = {
        module: sorted(name for name in names if is_user(name))
        for module, names in ingest_imports().items()
    }
    assert {module: names for module, names in offending.items() if names} == {}
