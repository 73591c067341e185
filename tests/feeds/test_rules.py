"""The import rule of ``reader.feeds`` (an import-linter-style contract, checked here):
it imports only itself, ``reader.model`` and the public names of ``reader.extract`` --
never ``reader.extract``'s own modules, never fetch, cache, library, the app or Textual.
And it stays pure: no network, disk, clock or environment modules."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import reader.feeds

PACKAGE = Path(reader.feeds.__file__).parent
ALLOWED_READER = {"reader.model", "reader.extract"}
FORBIDDEN_STDLIB = {"socket", "urllib.request", "http", "httpx", "os", "pathlib", "time",
                    "sqlite3", "subprocess", "shutil", "tempfile", "io", "asyncio", "random"}


def imported_modules(path: Path) -> list[str]:
    tree = ast.parse(path.read_text("utf-8"))
    out: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append(node.module)
    return out


def test_feeds_imports_only_itself_model_and_extract_public_names() -> None:
    files = sorted(PACKAGE.glob("*.py"))
    assert len(files) >= 8
    for path in files:
        for module in imported_modules(path):
            top = module.split(".")[0]
            if module.startswith("reader.feeds") or module in ALLOWED_READER:
                continue
            assert top != "reader", f"{path.name} imports {module}"
            assert top != "textual", f"{path.name} imports {module}"
            assert module not in FORBIDDEN_STDLIB and top not in FORBIDDEN_STDLIB, (
                f"{path.name} imports {module}: reader.feeds is pure"
            )


def test_the_rule_can_fail(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from reader.extract.urls import resolve_url\nimport os\n", "utf-8")
    assert imported_modules(bad) == ["reader.extract.urls", "os"]


def test_importing_feeds_loads_no_other_layer() -> None:
    probe = (
        "import sys, reader.feeds\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('textual', 'httpx', 'sqlite3')"
        " or m.startswith(('reader.fetch', 'reader.cache', 'reader.library', 'reader.app',"
        " 'reader.extract.pipeline'))]\n"
        "print(','.join(sorted(heavy)))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""
