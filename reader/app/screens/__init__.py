"""The app's screens, one per file; ``style_path`` finds their styling."""

from __future__ import annotations

from pathlib import Path

OFFLINE_NOTE = "offline: cache only"
"""The screens' subtitle in offline mode."""


def styles_dir() -> Path:
    """``reader/styles`` in an installed wheel, else the repository's ``styles/``."""
    package = Path(__file__).parents[2]
    installed = package / "styles"
    return installed if installed.is_dir() else package.parent / "styles"


def style_path(name: str) -> str:
    """The path of one ``.tcss`` file. A screen lists its own file in ``CSS_PATH`` so
    that Textual reads it when the screen is first shown, not at start-up."""
    return str(styles_dir() / name)
