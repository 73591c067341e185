"""What the tests share: the loopback HTTP server, page builders and helpers per layer.

Test modules import from here, never from each other.
"""

from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
"""``tests/fixtures``: original pages written for these tests."""
