"""An independent oracle for terminal safety (it shares no code with the sanitizer)."""

from __future__ import annotations

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def is_terminal_safe(text: str) -> bool:
    """True when ``text`` holds nothing a terminal would act on: no C0 control but
    newline and tab, no DEL or C1 control, no bidirectional embedding, override or
    isolate, no lone surrogate."""
    for char in text:
        code = ord(char)
        if code < 32 and char not in "\n\t":
            return False
        if 0x7F <= code <= 0x9F or char in BIDI_CONTROLS or 0xD800 <= code <= 0xDFFF:
            return False
    return True
