"""The command line: ``reader``, ``reader extract`` and ``reader cache``."""

from reader.cli.run import main

__all__ = ["main"]
