"""The ``reader`` command: the app, ``reader extract``, ``reader cache …`` and
``reader feed …`` (``reader.cli.feeds``).

Exit status 0 on success, 1 on failure, 2 on a usage error. A failure prints exactly one
``reader: …`` line on stderr; warnings print ``reader: warning: …`` and leave the status
alone; no traceback reaches a user. Nothing heavy is imported here: the app (Textual),
the fetcher (httpx) and the extractor load only when a command needs them.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, TextIO

from reader import __version__
from reader.config import Config, load_config, size_label
from reader.errors import NoArticleError, NotCachedError, ReaderError, UsageError
from reader.library import is_web_url, parse_target

if TYPE_CHECKING:
    from datetime import datetime


# The app's path (``reader [--offline] TARGET``) imports only what it needs: the
# library, the renderings (``reader.library.formats``) and the extractor load in the commands
# that use them.
COMMANDS = ("extract", "cache", "feed")
_VALUE_OPTIONS = frozenset(
    {"--cache-dir", "--config", "--demo-port", "--url", "--format", "--older-than", "--max-size",
     "--tag", "--feed", "--limit"}
)
USAGE = """\
reader [--offline] [TARGET]
       reader --demo [--demo-port N]
       reader extract SOURCE [--url BASE] [--format markdown|json|text] [--offline]
       reader cache list | search QUERY | show URL | prune [--older-than DAYS]
                                                          [--max-size MB] | path
       reader feed add URL [--tag TAG]... | list [--format text|json] | remove URL
                 | refresh [URL...] [--no-stories] | import FILE.opml | export [FILE]
                 | items [--feed URL] [--tag TAG] [--unread] [--limit N]
                         [--format text|json]
  (--cache-dir DIR and --config FILE are accepted by every command)"""


# -- messages --------------------------------------------------------------------------
MAX_MESSAGE = 1000
"""Characters of one ``reader:`` line at most (a URL pasted by mistake can be huge)."""


def _say(line: str, stream: TextIO | None = None) -> None:
    from reader.extract import one_line

    text = one_line(line)
    if len(text) > MAX_MESSAGE:
        text = text[: MAX_MESSAGE - 1] + "…"
    print(f"reader: {text}", file=stream or sys.stderr)


def warn(message: str) -> None:
    _say(f"warning: {message}")


def _write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


# -- argument parsing ------------------------------------------------------------------
def _non_negative(kind: type[float] | type[int]) -> Callable[[str], float]:
    def parse(text: str) -> float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if value != value or value in (float("inf"), float("-inf")):
            raise argparse.ArgumentTypeError(f"not a finite number: {text}")
        if value < 0:
            raise argparse.ArgumentTypeError(f"must not be negative: {text}")
        return value

    return parse


def _common(*, suppress: bool = False) -> argparse.ArgumentParser:
    """--cache-dir and --config, accepted before and after every subcommand."""
    p = argparse.ArgumentParser(add_help=False)
    default = argparse.SUPPRESS if suppress else None
    p.add_argument(
        "--cache-dir",
        metavar="DIR",
        default=default,
        help="the cache folder (default: $READER_CACHE_DIR, else the user cache)",
    )
    p.add_argument(
        "--config",
        metavar="FILE",
        default=default,
        help="the TOML config file (default: $READER_CONFIG, else the user config)",
    )
    return p


def _app_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="reader",
        usage=USAGE,
        parents=[_common()],
        allow_abbrev=False,
        description="A terminal news reader: the story, cleaned, with the stories it "
        "links to beside it. With no TARGET, the library of cached stories.",
        epilog="Commands: `reader extract --help`, `reader cache --help`, "
        "`reader feed --help`.",
    )
    p.add_argument(
        "target",
        nargs="?",
        metavar="TARGET",
        help="an http(s) URL, an HTML file, or a host and path (example.com/x)",
    )
    p.add_argument("--offline", action="store_true", help="cache only; never the network")
    p.add_argument("--demo", action="store_true", help="open the bundled demo site")
    p.add_argument(
        "--demo-port",
        type=_non_negative(int),
        metavar="N",
        help="the demo server's port on 127.0.0.1",
    )
    p.add_argument("--version", action="version", version=f"reader {__version__}")
    return p


def _extract_parser() -> argparse.ArgumentParser:
    from reader.library import FORMATS

    p = argparse.ArgumentParser(
        prog="reader extract",
        parents=[_common()],
        allow_abbrev=False,
        description="Print the story of a page, cleaned. A URL goes through the cache.",
    )
    p.add_argument(
        "source", metavar="SOURCE", help="an http(s) URL, a path to an HTML file, or - for stdin"
    )
    p.add_argument("--url", metavar="BASE", help="the page URL of a file or stdin")
    p.add_argument(
        "--format", choices=FORMATS, default="markdown", help="output format (default: markdown)"
    )
    p.add_argument("--offline", action="store_true", help="cache only; never the network")
    return p


def _cache_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="reader cache",
        parents=[_common()],
        allow_abbrev=False,
        description="The local cache of stories read and prefetched.",
    )
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    common = [_common(suppress=True)]
    sub.add_parser("list", parents=common, help="stories read, most recent first")
    s = sub.add_parser("search", parents=common, help="full-text search, best match first")
    s.add_argument("query", metavar="QUERY")
    s = sub.add_parser("show", parents=common, help="print a stored story as Markdown")
    s.add_argument("url", metavar="URL")
    s = sub.add_parser(
        "prune",
        parents=common,
        help="delete the least recently read stories (default: config limits)",
    )
    s.add_argument("--older-than", type=_non_negative(float), metavar="DAYS")
    s.add_argument("--max-size", type=_non_negative(float), metavar="MB")
    sub.add_parser("path", parents=common, help="print the database file's path")
    return p


def split_command(argv: Sequence[str]) -> tuple[str | None, list[str]]:
    """The subcommand (``extract``/``cache``/``feed``) wherever the options put it, and
    the rest."""
    args = list(argv)
    i = 0
    while i < len(args):
        tok = args[i]
        if tok == "--":
            break
        if tok in _VALUE_OPTIONS:
            i += 2
        elif tok.startswith("-") and tok != "-":
            i += 1
        elif tok in COMMANDS:
            return tok, args[:i] + args[i + 1 :]
        else:
            break
    return None, args


# -- commands --------------------------------------------------------------------------
def _config(ns: argparse.Namespace) -> Config:
    config = load_config(ns.config, ns.cache_dir)
    for message in config.warnings:
        warn(message)
    return config


class _Warnings:
    """Prints each warning once, however many places report it."""

    def __init__(self) -> None:
        self._shown: set[str] = set()

    def say(self, messages: Iterable[str]) -> None:
        for message in messages:
            if message not in self._shown:
                self._shown.add(message)
                warn(message)


async def _extract(ns: argparse.Namespace, config: Config) -> int:
    from reader.library import Library, read_stream, render

    lib = Library(config, offline=ns.offline)
    warnings = _Warnings()
    try:
        said: tuple[str, ...] = ()
        if ns.source == "-":
            data, cut = read_stream(sys.stdin.buffer.read, config.max_file_bytes)
            if cut:
                said = (
                    f"input cut at {size_label(config.max_file_bytes)} (the "
                    "size cap); showing the part before it",
                )
            article = lib.extract_bytes(data, url=ns.url)
            url, truncated = ns.url, cut
        else:
            target = parse_target(ns.source)
            if ns.url and is_web_url(target):
                raise UsageError("--url gives the page URL of a file or stdin, not of a URL")
            story = await lib.open(target, base_url=ns.url)
            warnings.say(lib.warnings)
            article, truncated, said = story.article, story.truncated, story.warnings
            url = ns.url or (story.url if is_web_url(story.url) else None)
        _write(render(article, ns.format, url, truncated=truncated))
        warnings.say(said)
        return 0
    except NoArticleError:
        warnings.say(said)  # a cut input may be why no story is left: say so first
        name = "stdin" if ns.source == "-" else ns.source
        raise NoArticleError(f"no article found in {name}") from None
    finally:
        await lib.aclose()
        warnings.say(lib.warnings)


def _row(when: datetime | None, site: str, title: str, url: str) -> str:
    from reader.extract import one_line

    if when is not None and when.tzinfo is not None:
        when = when.astimezone()
    fields = [when.strftime("%Y-%m-%d %H:%M") if when else "", site, title, url]
    return "\t".join(one_line(f) or "-" for f in fields)


def _cache(ns: argparse.Namespace, config: Config) -> int:
    from reader.library import Library, to_markdown

    lib = Library(config, offline=True)
    warnings = _Warnings()
    try:
        if ns.action == "path":
            path = lib.cache.path
            if path is None:
                raise ReaderError(
                    f"no cache file in use: {config.cache_dir} cannot hold one; "
                    "choose another folder with --cache-dir"
                )
            warnings.say(lib.warnings)
            _write(f"{path}\n")
        elif ns.action in ("list", "search"):
            if ns.action == "list":
                rows = lib.recent(limit=1_000_000)
            else:
                rows = lib.search(ns.query, limit=100)
                if not rows:
                    raise ReaderError(
                        f"no story in the cache matches {ns.query!r}; "
                        "try other words, or `reader cache list`"
                    )
            warnings.say(lib.warnings)
            _write("".join(_row(r.last_read, r.site, r.title, r.url) + "\n" for r in rows))
        elif ns.action == "show":
            story = lib.cached(ns.url)
            if story is None:
                raise ReaderError(
                    f"not in the cache: {ns.url}; `reader extract {ns.url}` fetches and stores it"
                )
            warnings.say(lib.warnings)
            url = story.url if is_web_url(story.url) else None
            _write(to_markdown(story.article, url))
            warnings.say(story.warnings)
        else:
            older, size = ns.older_than, ns.max_size
            max_bytes: int | None
            if older is None and size is None:
                older, max_bytes = config.max_age_days, config.max_cache_bytes
            else:
                max_bytes = None if size is None else int(size * 1_000_000)
            n = lib.prune(older_than_days=older, max_bytes=max_bytes)
            warnings.say(lib.warnings)
            _write(f"removed {n} {'story' if n == 1 else 'stories'} from the cache\n")
        return 0
    finally:
        lib.close()
        warnings.say(lib.warnings)


def _app(ns: argparse.Namespace, config: Config) -> int:
    target = parse_target(ns.target) if ns.target else None
    if ns.demo and target:
        raise UsageError("--demo opens the demo's front story; give no TARGET with it")
    if ns.demo_port is not None and not ns.demo:
        raise UsageError("--demo-port goes with --demo")
    if ns.demo_port is not None and ns.demo_port > 65535:
        raise UsageError("--demo-port must be from 0 (any free port) to 65535")
    from reader.app import run_app

    demo = None
    if ns.demo:
        from reader.demo import start_demo

        demo = start_demo(config.demo_port if ns.demo_port is None else ns.demo_port)
    try:
        return int(run_app(config, target=target, offline=ns.offline, demo=demo) or 0)
    finally:
        if demo is not None:
            demo.stop()


def _dispatch(argv: list[str]) -> int:
    command, rest = split_command(argv)
    if command == "extract":
        ns = _extract_parser().parse_args(rest)
        import asyncio

        _interrupt_at_once()
        return asyncio.run(_extract(ns, _config(ns)))
    if command == "cache":
        ns = _cache_parser().parse_args(rest)
        return _cache(ns, _config(ns))
    if command == "feed":
        from reader.cli.feeds import parser, run_feed

        ns = parser(_common).parse_args(rest)
        _interrupt_at_once()
        return run_feed(ns, _config(ns), _write, warn)
    ns = _app_parser().parse_args(rest)
    return _app(ns, _config(ns))


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _interrupt_at_once() -> None:
    """ctrl+c raises KeyboardInterrupt wherever the program is, as Python does by default.

    ``asyncio.run`` would instead cancel the running task and rely on every library below
    passing the cancellation on; one that swallows it (mid-request) loses the interrupt.
    With a handler of our own in place, ``asyncio.run`` leaves SIGINT alone.
    """
    import signal

    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _raise_interrupt)


def _hint(exc: ReaderError) -> str:
    if isinstance(exc, NotCachedError) and "--offline" not in exc.message:
        return f"{exc.message}; run without --offline to fetch it"
    return exc.message


def main(argv: list[str] | None = None) -> int:
    """Run ``reader`` with ``argv`` (default: the process's arguments); the exit status."""
    args = sys.argv[1:] if argv is None else list(argv)
    try:
        if hasattr(sys.stdout, "reconfigure"):
            sys.stdout.reconfigure(errors="replace")
        return _dispatch(args)
    except SystemExit as exc:  # argparse: --help (0) and usage errors (2)
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except UsageError as exc:
        _say(exc.message)
        return 2
    except ReaderError as exc:
        _say(_hint(exc))
        return 1
    except Exception as exc:
        _say(
            f"unexpected error ({type(exc).__name__}: {exc}); please report it with the "
            "command you ran"
        )
        return 1


def _silence_stdout() -> None:
    """After a reader of our output went away: let the interpreter's last flush be quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
