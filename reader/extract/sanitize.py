"""Make text from strangers safe to print on a terminal: the one place for it.

Two rules, as the contracts give them. Article text (``clean_text``) keeps the
directional marks U+200E, U+200F and U+061C, which right-to-left text needs. Text a
server sent that a message quotes (``quote_text``: a URL, a reason phrase, a header)
drops them too, is flattened to one line and cut short. ``one_line`` is article text
for a one-line place (a list row, a ``reader:`` line).

``clean_text`` removes what a terminal would act on rather than show: escape sequences
(CSI, OSC including hyperlinks and clipboard writes, DCS, SOS, PM, APC, both the 7-bit
``ESC x`` forms and the 8-bit C1 forms), every other C0/C1 control character except
newline and tab, the bidirectional embedding/override/isolate characters (U+202A–U+202E,
U+2066–U+2069; the marks U+200E, U+200F and U+061C stay) and lone surrogates. Carriage
returns become newlines; vertical tab and form feed become spaces. Markup-like text
(``[bold]``) is left alone: showing it literally is the UI's job.
"""

from __future__ import annotations

import re

# Anything that may need work; text without it is returned as is (the common case).
_SUSPECT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

# A string payload runs until its terminator (BEL, ST, ESC \) and never past the next
# introducer, so that a flood of unterminated introducers stays linear.
_PAYLOAD = "[^\x07\x1b\x90\x98\x9b-\x9f]*"
_ST = "(?:\x07|\x9c|\x1b\\\\)"
_SEQUENCES = re.compile(
    "|".join(
        (
            # CSI: ESC [ or 8-bit CSI, parameter and intermediate bytes, a final byte.
            "(?:\x1b\\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?",
            # OSC, DCS, SOS, PM, APC with their payload, terminated.
            f"(?:\x1b[\\]PX^_]|[\x90\x98\x9d\x9e\x9f]){_PAYLOAD}{_ST}",
            # Any other escape: ESC, intermediate bytes, one final byte.
            "\x1b[\x20-\x2f]*[\x30-\x7e]?",
        )
    )
)
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]+")


def clean_text(text: str) -> str:
    """Return ``text`` without anything a terminal would interpret."""
    if not _SUSPECT.search(text):
        return text
    text = _SEQUENCES.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", " ").replace("\x0c", " ")
    return _CONTROLS.sub("", text)


_LINE_BREAKS = re.compile(r"\s*[\t\n\r\v\f\u0085\u2028\u2029]\s*")
_MARKS = re.compile("[\u200e\u200f\u061c]")
QUOTE_LIMIT = 200
"""The most characters of server text a message quotes."""


def one_line(text: str) -> str:
    """``clean_text``, flattened to one line: tabs and line breaks become spaces."""
    return _LINE_BREAKS.sub(" ", clean_text(text)).strip()


def quote_text(text: str, limit: int = QUOTE_LIMIT) -> str:
    """Text from a server, made fit to quote in a message: one line, no control, escape,
    bidirectional or directional-mark characters, at most ``limit`` characters."""
    text = _MARKS.sub("", one_line(text))
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def clean_optional(text: str | None) -> str | None:
    """``clean_text`` for an optional field; an empty result becomes None."""
    if text is None:
        return None
    cleaned = clean_text(text).strip()
    return cleaned or None
