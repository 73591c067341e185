"""The layers hold: import-linter's contracts pass on the tree, fail on a wrong import,
and cover every part of the package; no import circle, type-only imports included."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT = Path(sys.executable).with_name("lint-imports")


def lint(tree: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run(
        [str(LINT), "--no-cache"], cwd=tree, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of the package and its contracts, to break on purpose."""
    shutil.copytree(ROOT / "reader", tmp_path / "reader", ignore=shutil.ignore_patterns("site"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def add_import(tree: Path, module: str, statement: str) -> None:
    path = tree / (module.replace(".", "/") + ".py")
    path.write_text(path.read_text() + f"\n{statement}  # noqa\n")


def test_the_contracts_hold_on_the_tree(tree: Path) -> None:
    done = lint(tree)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    ("module", "statement", "broken"),
    [
        (
            "reader.app.widgets.key_bar",
            "import reader.cache",
            "reader.app.widgets.key_bar -> reader.cache",
        ),
        ("reader.cli.run", "from reader.fetch import Fetcher", "reader.cli.run -> reader.fetch"),
        ("reader.extract.body", "import reader.config", "reader.extract.body -> reader.config"),
        ("reader.fetch.local", "import reader.cache", "reader.fetch.local -> reader.cache"),
        ("reader.cache.codec", "import textual", "reader.cache.codec -> textual"),
        ("reader.library.views", "import reader.app", "reader.library.views -> reader.app"),
        (
            "reader.library.facade",
            "from reader.fetch.local import read_capped",
            "reader.library.facade -> reader.fetch.local",
        ),
        (
            "reader.pictures.raster",
            "import reader.fetch",
            "reader.pictures.raster -> reader.fetch",
        ),
        (
            "reader.pictures.sources",
            "import reader.config",
            "reader.pictures.sources -> reader.config",
        ),
        (
            "reader.cache.pictures",
            "import reader.pictures",
            "reader.cache.pictures -> reader.pictures",
        ),
        (
            "reader.library.pictures",
            "from reader.pictures.raster import probe",
            "reader.library.pictures -> reader.pictures.raster",
        ),
    ],
)
def test_a_wrong_import_breaks_a_contract(
    tree: Path, module: str, statement: str, broken: str
) -> None:
    add_import(tree, module, statement)
    done = lint(tree)
    assert done.returncode != 0
    assert broken in done.stdout


def test_the_pure_core_contract_names_every_other_part_of_the_package() -> None:
    """A new top-level package or module is forbidden to the core until it is listed."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    pure = next(c for c in config["contracts"] if c["id"] == "extract-pure")
    parts = {
        f"reader.{p.stem if p.suffix == '.py' else p.name}"
        for p in (ROOT / "reader").iterdir()
        if (p.suffix == ".py" and not p.name.startswith("__")) or (p / "__init__.py").exists()
    }
    assert parts - {"reader.extract", "reader.model"} <= set(pure["forbidden_modules"])


def imports_of(path: Path, module: str, is_package: bool) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")[: None if is_package else -1]
                base = base[: len(base) - (node.level - 1)]
                name = ".".join([*base, *([node.module] if node.module else [])])
            else:
                name = node.module or ""
            found.add(name)
            found.update(f"{name}.{a.name}" for a in node.names)
    return found


def test_no_import_circles_counting_type_only_and_deferred_imports() -> None:
    modules: dict[str, Path] = {}
    for path in (ROOT / "reader").rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path

    def resolve(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    edges: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = {resolve(t) for t in imports_of(path, name, path.name == "__init__.py")}
        edges[name] = {
            t for t in targets if t and t != name and not name.startswith(t + ".")
        }
    # A module reaches itself again only through a circle.
    for start in modules:
        seen: set[str] = set()
        todo = list(edges[start])
        while todo:
            here = todo.pop()
            assert here != start, f"import circle through {start}"
            if here not in seen:
                seen.add(here)
                todo.extend(edges.get(here, ()))


def module_families() -> set[str]:
    """Families of modules that should be a package: in one folder, three or more modules
    sharing a ``word_`` prefix, a module ``x_y`` beside a module or package ``x``, or four
    or more modules sharing a glued stem of three letters or more."""
    found: set[str] = set()
    for folder in [ROOT / "reader", *(p for p in (ROOT / "reader").rglob("*") if p.is_dir())]:
        if not (folder / "__init__.py").exists():
            continue
        names = sorted(
            p.stem if p.suffix == ".py" else p.name
            for p in folder.iterdir()
            if (p.suffix == ".py" and not p.name.startswith("__")) or (p / "__init__.py").exists()
        )
        words: dict[str, list[str]] = {}
        for name in names:
            head, sep, _ = name.lstrip("_").partition("_")
            if sep:
                words.setdefault(head, []).append(name)
                if head in names:
                    found.add(f"{folder}: {name} beside {head}")
        found |= {f"{folder}: {group}" for group in words.values() if len(group) >= 3}
        for size in range(3, 8):
            stems: dict[str, list[str]] = {}
            for name in names:
                if len(name) > size:
                    stems.setdefault(name[:size], []).append(name)
            found |= {f"{folder}: {group}" for group in stems.values() if len(group) >= 4}
    return found


def test_families_of_modules_are_packages() -> None:
    assert module_families() == set()
