"""Dates as feeds write them: RFC 822 (RSS), ISO 8601 / RFC 3339 (Atom, Dublin Core,
JSON Feed), and the usual mistakes in both. Pure and total: None for anything unreadable.

A time is returned as an aware datetime; a time without an offset is taken as UTC (as
RFC 822 readers and feedparser do: it orders the news list, where a day alone would not).
A day without a time is a ``date``. Years outside 1980–2100 are rejected: they are
placeholders (the epoch, year 1) or typos, never a web feed's story.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        (
            ("jan", "january", "janv", "jän", "ene", "gen"),
            ("feb", "february", "fév", "fev", "févr", "fevr"),
            ("mar", "march", "mär", "mars", "mrz"),
            ("apr", "april", "avr", "abr"),
            ("may", "mai", "mayo", "mag"),
            ("jun", "june", "juin", "juni"),
            ("jul", "july", "juil", "juli"),
            ("aug", "august", "aoû", "aout", "ago"),
            ("sep", "sept", "september", "set"),
            ("oct", "october", "okt", "out", "ott"),
            ("nov", "november"),
            ("dec", "december", "déc", "dez", "dic"),
        )
    )
    for m in names
}

# Named zones of RFC 822 and the few others feeds use; military letters are too
# often wrong to trust and count as UTC.
_ZONES = {
    "ut": 0, "utc": 0, "gmt": 0, "z": 0, "wet": 0, "bst": 60, "cet": 60, "met": 60,
    "cest": 120, "mest": 120, "eet": 120, "eest": 180, "msk": 180, "ist": 330,
    "jst": 540, "kst": 540, "aest": 600, "aedt": 660, "nzst": 720, "nzdt": 780,
    "est": -300, "edt": -240, "cst": -360, "cdt": -300, "mst": -420, "mdt": -360,
    "pst": -480, "pdt": -420, "akst": -540, "akdt": -480, "hst": -600, "ast": -240,
    "adt": -180, "nst": -210, "ndt": -150,
}

_ISO = re.compile(
    r"\s*(\d{4})-?(\d{2})-?(\d{2})"
    r"(?:[T\s]+(\d{1,2}):?(\d{2})(?::?(\d{2})(?:[.,]\d+)?)?)?"
    r"\s*(Z|[+-]\d{2}(?::?\d{2})?|(?:UTC|GMT)(?:[+-]\d{1,2}(?::?\d{2})?)?)?\s*$",
    re.IGNORECASE,
)
_RFC822 = re.compile(
    r"\s*(?:[^\W\d_]+\.?,?\s*)?"  # day name, any language, optional
    r"(\d{1,2})(?:st|nd|rd|th)?[\s\-/.]+([^\W\d_]{3,9})\.?[\s\-/.,]+(\d{2,4})"
    r"(?:[\s,T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
    r"\s*([+-]\d{4}|[+-]\d{2}:\d{2}|[A-Za-z]{1,5}(?:[+-]\d{1,2}(?::?\d{2})?)?)?"
    r"(?:\s*\([^)]*\))?\s*$",
)
# "Jan 5, 2024 10:00" and "Monday, January 5, 2024" (month first).
_MONTH_FIRST = re.compile(
    r"\s*(?:[^\W\d_]+,?\s+)?([^\W\d_]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})"
    r"(?:[\s,T]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?"
    r"\s*([+-]\d{4}|[A-Za-z]{1,5})?\s*$",
)


def parse_date(text: str | None) -> datetime | date | None:
    """The date in ``text`` (RFC 822, ISO 8601 and common variants), or None."""
    if not text:
        return None
    text = text.strip()
    if not text or len(text) > 100:
        return None
    try:
        m = _ISO.match(text)
        if m:
            return _from_parts(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5),
                               m.group(6), m.group(7))
        m = _RFC822.match(text)
        if m:
            month = _MONTHS.get(m.group(2).lower())
            if month is None:
                return None
            year = _year(m.group(3))
            return _from_parts(str(year), str(month), m.group(1), m.group(4), m.group(5),
                               m.group(6), m.group(7))
        m = _MONTH_FIRST.match(text)
        if m:
            month = _MONTHS.get(m.group(1).lower())
            if month is None:
                return None
            hour = m.group(4)
            if hour is not None and m.group(7):
                h = int(hour) % 12 + (12 if m.group(7).lower() == "pm" else 0)
                hour = str(h)
            return _from_parts(m.group(3), str(month), m.group(2), hour, m.group(5),
                               m.group(6), m.group(8))
    except (ValueError, OverflowError):
        return None
    return None


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def _from_parts(
    year: str, month: str, day: str, hour: str | None, minute: str | None,
    second: str | None, zone: str | None,
) -> datetime | date | None:
    y, mo, d = int(year), int(month), int(day)
    if not 1980 <= y <= 2100:
        return None
    if hour is None or minute is None:
        return date(y, mo, d)
    h, mi, s = int(hour), int(minute), int(second or 0)
    extra = timedelta(0)
    if h == 24 and mi == 0 and s == 0:  # 24:00 is the end of the day
        h, extra = 0, timedelta(days=1)
    if s == 60:  # a leap second
        s = 59
    offset = _offset(zone)
    if offset is None:
        return None
    return datetime(y, mo, d, h, mi, s, tzinfo=offset) + extra


def _offset(zone: str | None) -> timezone | None:
    """The zone as a fixed offset; None for an offset out of range."""
    if not zone:
        return UTC
    z = zone.strip()
    low = z.lower()
    for prefix in ("utc", "gmt"):
        if low.startswith(prefix) and len(low) > len(prefix):
            z = z[len(prefix):]
            low = z.lower()
    if z[0] in "+-":
        digits = z[1:].replace(":", "")
        if not digits.isdigit():
            return UTC
        minutes = int(digits) * 60 if len(digits) <= 2 else int(digits[:-2]) * 60 + int(digits[-2:])
        if minutes >= 24 * 60:
            return None
        if minutes == 0:
            return UTC
        return timezone(timedelta(minutes=-minutes if z[0] == "-" else minutes))
    minutes = _ZONES.get(low, 0)
    return timezone(timedelta(minutes=minutes)) if minutes else UTC
