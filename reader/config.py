"""Settings: the TOML config file, environment variables and their defaults.

Precedence for the cache folder: ``--cache-dir`` > ``READER_CACHE_DIR`` >
``platformdirs.user_cache_dir("reader")``. For the config file: ``--config`` >
``READER_CONFIG`` > ``config.toml`` in ``platformdirs.user_config_dir("reader")``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from reader.errors import UsageError

# The one place each setting's default is written; the fetch layer and the cache take
# theirs from here.
PREFETCH = 8
PER_HOST = 4
CONNECT_TIMEOUT = 10.0
DEADLINE = 20.0
MAX_BYTES = 10_000_000
MAX_FILE_BYTES = 100_000_000
MAX_CACHE_BYTES = 1_000_000_000
DEMO_PORT = 48213
FEED_STORIES = True
REFRESH_INTERVAL = 60.0
FEED_CONCURRENCY = 16
IMAGES = "auto"
IMAGE_MODES = ("auto", "kitty", "sixel", "halfblock", "off")
MAX_PICTURE_BYTES = 5_000_000
PICTURE_BUDGET = 2_000_000


@dataclass(frozen=True)
class Config:
    cache_dir: Path
    config_path: Path | None = None
    prefetch: int = PREFETCH
    """How many teasers of a story to prefetch (0 turns prefetching off)."""
    per_host: int = PER_HOST
    """Requests at once to one scheme + host + port."""
    connect_timeout: float = CONNECT_TIMEOUT
    deadline: float = DEADLINE
    """Total seconds one request may take, redirects included."""
    max_bytes: int = MAX_BYTES
    """Decoded size cap of one network response."""
    max_file_bytes: int = MAX_FILE_BYTES
    max_cache_bytes: int = MAX_CACHE_BYTES
    max_age_days: float | None = None
    demo_port: int = DEMO_PORT
    save_dir: Path = field(default_factory=Path.cwd)
    theme: str | None = None
    feed_stories: bool = FEED_STORIES
    """A refresh fetches and stores the full story of every new item (``--no-stories``
    and ``feed_stories = false`` refresh the feeds only)."""
    refresh_interval: float = REFRESH_INTERVAL
    """Minutes after which the app refreshes the subscriptions on start (0: never)."""
    feed_concurrency: int = FEED_CONCURRENCY
    """Requests at once in a refresh, all hosts together (each host also keeps to
    ``per_host``)."""
    images: str = IMAGES
    """How the story's pictures are drawn: ``auto`` (Kitty graphics or Sixel where the
    terminal is one that draws them and says so, coloured half blocks elsewhere),
    ``kitty``, ``sixel``, ``halfblock``, or ``off`` (the alt text; `i` shows them)."""
    max_picture_bytes: int = MAX_PICTURE_BYTES
    """Size cap of one picture: a larger one is refused, not cut (0: no cap)."""
    picture_budget: int = PICTURE_BUDGET
    """Bytes of pictures stored with each story fetched in the background (prefetched
    teasers, subscriptions' new stories), lead picture first; 0 stores none."""
    keymap: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    """Things in the config file that were ignored (unknown settings); the command line
    prints them as ``reader: warning: …``."""


def default_cache_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get("READER_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("reader"))


def default_config_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get("READER_CONFIG")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir("reader")) / "config.toml"


_TEXT = ("save_dir", "theme", "cache_dir", "images")
_RANGES: dict[str, tuple[float, float]] = {
    "per_host": (1, 1000),
    "demo_port": (0, 65535),
    "feed_concurrency": (1, 1000),
}
_INT_LIMIT = 10**18
"""Whole-number settings (counts, bytes) stay below this; 0 already means no limit."""

_NUMBERS: dict[str, type] = {
    "prefetch": int,
    "per_host": int,
    "connect_timeout": float,
    "deadline": float,
    "max_bytes": int,
    "max_file_bytes": int,
    "max_cache_bytes": int,
    "max_age_days": float,
    "demo_port": int,
    "refresh_interval": float,
    "feed_concurrency": int,
    "max_picture_bytes": int,
    "picture_budget": int,
}
_BOOLEANS = ("feed_stories",)


def load_config(
    config_path: str | os.PathLike[str] | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
) -> Config:
    """Read the config file (a missing file means the defaults).

    Raises ``UsageError`` for a file that is not valid TOML or holds a wrong value.
    """
    path = default_config_path(config_path)
    cfg = Config(cache_dir=default_cache_dir(cache_dir), config_path=path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return cfg
    except OSError as exc:
        raise UsageError(f"cannot read config file {path}: {exc.strerror}") from None
    import tomllib  # only when there is a file to read

    try:
        data: dict[str, Any] = tomllib.loads(raw.decode("utf-8", "replace"))
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"config file {path} is not valid TOML: {exc}") from None
    changes: dict[str, Any] = {}
    for key, kind in _NUMBERS.items():
        if key in data:
            value = data[key]
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise UsageError(f"config file {path}: {key} must be a number")
            if value < 0:
                raise UsageError(f"config file {path}: {key} must not be negative")
            low, high = _RANGES.get(key, (0, float("inf")))
            if not low <= value <= high:
                raise UsageError(f"config file {path}: {key} must be from {low:g} to {high:g}")
            if kind is int and not value < _INT_LIMIT:  # int(inf) would raise
                raise UsageError(f"config file {path}: {key} must be below {_INT_LIMIT:.0e}")
            changes[key] = kind(value)
    for key in _BOOLEANS:
        if key in data:
            if not isinstance(data[key], bool):
                raise UsageError(f"config file {path}: {key} must be true or false")
            changes[key] = data[key]
    for key in _TEXT:
        if key in data and not isinstance(data[key], str):
            raise UsageError(f"config file {path}: {key} must be a string")
    if "save_dir" in data:
        changes["save_dir"] = Path(str(data["save_dir"])).expanduser()
    if "theme" in data:
        changes["theme"] = str(data["theme"])
    if "images" in data:
        if data["images"] not in IMAGE_MODES:
            raise UsageError(
                f"config file {path}: images must be one of " + ", ".join(IMAGE_MODES)
            )
        changes["images"] = str(data["images"])
    if "cache_dir" in data and cache_dir is None and not os.environ.get("READER_CACHE_DIR"):
        changes["cache_dir"] = Path(str(data["cache_dir"])).expanduser()
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict):
        raise UsageError(f"config file {path}: [keymap] must be a table of id = \"keys\"")
    for name, keys in keymap.items():
        if not isinstance(keys, str) or not keys.strip(" ,"):
            raise UsageError(
                f'config file {path}: [keymap] {name} must be keys in quotes, like "x" or "h,left"'
            )
    changes["keymap"] = {str(k): v for k, v in keymap.items()}
    known = {*_NUMBERS, *_TEXT, *_BOOLEANS, "keymap"}
    changes["warnings"] = tuple(
        f"config file {path}: unknown setting {key!r} ignored" for key in data if key not in known
    )
    return replace(cfg, **changes)


def size_label(n: int) -> str:
    """``10_000_000`` → ``"10 MB"``: decimal units, as the settings count them."""
    for unit, size in (("MB", 1_000_000), ("kB", 1_000)):
        if n >= size:
            value = n / size
            return (
                f"{value:.0f} {unit}"
                if value >= 10 or value == int(value)
                else f"{value:.1f} {unit}"
            )
    return f"{n} bytes"
