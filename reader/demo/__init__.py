"""The bundled demo site: a fictional local paper, The Wrenmouth Lantern.

``start_demo(port)`` serves ``reader/demo/site/`` (built from ``reader/demo/source/`` by
``python -m reader.demo.sitegen``) on 127.0.0.1 in a daemon thread and returns a
``DemoServer``. If the port is taken, a free one is used for that run and ``.note`` says
so in a sentence the app can show.
"""

from __future__ import annotations

import threading
from types import TracebackType

from reader.config import DEMO_PORT
from reader.demo.server import HOST, Site, _Handler, bind

SECTION_FRONTS = ("news", "business", "sport", "culture")

FRONT_PATH = "/news/2026/11/harbour-ferry-returns"
"""The lead story, which ``reader --demo`` opens."""

__all__ = ["DEMO_PORT", "FRONT_PATH", "DemoServer", "start_demo", "story_paths"]


class DemoServer:
    """A running demo site. Use ``.stop()`` or a ``with`` block to shut it down."""

    def __init__(self, port: int | None = None) -> None:
        wanted = DEMO_PORT if port is None else port
        self._httpd, self.note = bind(wanted)
        self.port: int = self._httpd.server_address[1]
        self.origin = f"http://{HOST}:{self.port}"
        self.site = Site(self.origin)
        handler = type("DemoHandler", (_Handler,), {"site": self.site})
        self._httpd.RequestHandlerClass = handler
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, args=(0.05,), name="reader-demo", daemon=True
        )
        self._thread.start()
        self._stopped = False

    @property
    def front_url(self) -> str:
        return self.url(FRONT_PATH)

    @property
    def follow_urls(self) -> tuple[str, ...]:
        """What the demo follows: its four section fronts. Three name their feed (RSS,
        Atom, JSON Feed); culture has none and is followed through its front page."""
        return tuple(self.url(f"/{section}/") for section in SECTION_FRONTS)

    def url(self, path: str = "/") -> str:
        if not path.startswith("/"):
            path = "/" + path
        return self.origin + path

    def stop(self) -> None:
        if not self._stopped:
            self._stopped = True
            self._httpd.shutdown()
            self._httpd.server_close()
            self._thread.join(timeout=5)

    def __enter__(self) -> DemoServer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def start_demo(port: int | None = None) -> DemoServer:
    """Serve the demo site on 127.0.0.1 at ``port`` (default ``DEMO_PORT``)."""
    return DemoServer(port)


def story_paths() -> list[str]:
    """The paths of every story page, newest first as the site lists them."""
    from reader.demo.server import BUILT_ORIGIN

    site = Site(BUILT_ORIGIN)
    return [path for path, route in site.routes.items() if route.kind == "story"]
