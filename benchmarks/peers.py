"""Where the peers' Python lives: ``$READER_PEERS_PYTHON``, else the separate virtual
environment ``benchmarks/setup_peers.sh`` makes (``benchmarks/.peers-venv``). The peers
never become project dependencies; the benchmarks run them in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent


def peers_python() -> str | None:
    """The peers' interpreter, or None when there is none (the benchmark says so)."""
    env = os.environ.get("READER_PEERS_PYTHON")
    for candidate in (env, str(HERE / ".peers-venv" / "bin" / "python")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def run_peers(script: str, names: list[str], root: Path) -> dict[str, dict[str, object]]:
    """Run ``script --worker --peers NAMES --data ROOT`` in the peers' Python; its JSON
    answer, or {} (said on stdout) when there is no peer venv or the worker failed."""
    py = peers_python()
    if py is None:
        print("peers: no peer venv (run benchmarks/setup_peers.sh); measuring reader alone")
        return {}
    command = [py, str(Path(script).resolve()), "--worker", "--peers", ",".join(names)]
    proc = subprocess.run(
        [*command, "--data", str(root)], capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        print("peers failed:", proc.stderr.strip().splitlines()[-1:] or proc.returncode)
        return {}
    result: dict[str, dict[str, object]] = json.loads(proc.stdout)
    return result
