"""The command line: ``reader``, ``reader extract`` and ``reader cache``."""

from reader.cli.main import main

__all__ = ["main"]
