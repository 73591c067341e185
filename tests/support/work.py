"""Counting work instead of timing it.

The number of function calls (Python and C) a piece of code makes is the same on every
machine however busy it is, so a test can say "twice the input costs at most about twice
the calls" without a clock. It sees work done in Python loops; work inside one C call
(a parser, a regular expression) counts once, so a test that needs a bound on that keeps
a generous hang guard as well.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import FrameType
from typing import Any, TypeVar

T = TypeVar("T")


def counted(work: Callable[[], T]) -> tuple[T, int]:
    """Run ``work()``; return its result and how many function calls it made."""
    calls = 0

    def count(_frame: FrameType, event: str, _arg: Any) -> None:
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    previous = sys.getprofile()
    sys.setprofile(count)
    try:
        result = work()
    finally:
        sys.setprofile(previous)
    return result, calls
