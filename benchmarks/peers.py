"""Where the peers' Python lives: ``$READER_PEERS_PYTHON``, else the separate virtual
environment ``benchmarks/setup_peers.sh`` makes (``benchmarks/.peers-venv``). The peers
never become project dependencies; the benchmarks run them in a subprocess."""

from __future__ import annotations

import os
from pathlib import Path

HERE = Path(__file__).resolve().parent


def peers_python() -> str | None:
    """The peers' interpreter, or None when there is none (the benchmark says so)."""
    env = os.environ.get("READER_PEERS_PYTHON")
    for candidate in (env, str(HERE / ".peers-venv" / "bin" / "python")):
        if candidate and Path(candidate).exists():
            return candidate
    return None
