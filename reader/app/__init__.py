"""The Textual app people run as ``reader``: the app wires the screens (``screens/``)
and widgets (``widgets/``) together; ``bindings`` holds every key, ``messages`` what the
screens tell the app. Everything here reaches stories through ``reader.library``.
"""

from reader.app.application import ReaderApp, run_app

__all__ = ["ReaderApp", "run_app"]
