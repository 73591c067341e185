"""Publication dates from the strings pages carry: ISO 8601, common textual forms, URLs.

Pure and total: every function returns None rather than raising. No clock is read, so
"plausible" is a fixed window of years (``MIN_YEAR`` .. ``MAX_YEAR``).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

MIN_YEAR = 1990
MAX_YEAR = 2100

PublishedDate = datetime | date

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan janvier januar enero gennaio janeiro",
        "february feb feb. fevrier février februar febrero febbraio fevereiro",
        "march mar mars märz maerz marzo março marco",
        "april apr avril abril aprile",
        "may mai mayo maggio maio",
        "june jun juin juni junio giugno junho",
        "july jul juillet juli julio luglio julho",
        "august aug aout août agosto",
        "september sep sept septembre settembre setembro septiembre",
        "october oct octobre oktober octubre ottobre outubro",
        "november nov novembre noviembre novembro",
        "december dec decembre décembre dezember diciembre dicembre dezembro",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name.rstrip(".")] = _number

_MONTH_RE = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))

_ISO = re.compile(
    r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?"
    r"\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?(?!\d)",
    re.IGNORECASE,
)
_SLASHED_YMD = re.compile(r"(?<!\d)(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?!\d)")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?(Z)?$")
_MONTH_DAY_YEAR = re.compile(
    rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.IGNORECASE
)
_DAY_MONTH_YEAR = re.compile(
    rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?:de\s+)?({_MONTH_RE})\.?,?\s+(?:de\s+)?(\d{{4}})\b",
    re.IGNORECASE,
)
_TIME_AFTER = re.compile(
    r"^[\s,|at@-]*(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s*([ap]\.?m\.?)?"
    r"(?:\s*(?:GMT|UTC)\s*([+-]\d{2}:?\d{2})|\s*(GMT|UTC|Z)\b)?",
    re.IGNORECASE,
)
_EPOCH = re.compile(r"^\d{10}(?:\d{3})?$")
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|-|\.|$)")
_URL_COMPACT = re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})/")


def _tz(text: str | None) -> timezone | None:
    if not text:
        return None
    upper = text.upper()
    if upper in ("Z", "UTC", "GMT"):
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours = int(digits[:2])
    minutes = int(digits[2:4]) if len(digits) >= 4 else 0
    if hours > 14 or minutes > 59:
        return None
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _day(year: int, month: int, day: int) -> date | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _with_time(
    day: date, hour: int, minute: int, second: int, tz: timezone | None
) -> PublishedDate:
    try:
        return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=tz)
    except ValueError:
        return day


def _parse_iso(match: re.Match[str]) -> PublishedDate | None:
    day = _day(int(match[1]), int(match[2]), int(match[3]))
    if day is None or match[4] is None:
        return day
    return _with_time(day, int(match[4]), int(match[5]), int(match[6] or 0), _tz(match[7]))


def _textual_time(day: date, rest: str) -> PublishedDate:
    """A clock time right after a textual date ("April 12, 2019 10:30 AM"); naive unless
    an offset follows ("03:05:46 GMT+0000")."""
    found = _TIME_AFTER.match(rest)
    if not found:
        return day
    hour, minute, second = int(found[1]), int(found[2]), int(found[3] or 0)
    meridiem = (found[4] or "").lower().replace(".", "")
    if meridiem == "pm" and hour < 12:
        hour += 12
    elif meridiem == "am" and hour == 12:
        hour = 0
    return _with_time(day, hour, minute, second, _tz(found[5] or found[6]))


def parse_date(text: str | None) -> PublishedDate | None:
    """The first date in ``text``: a ``datetime`` when a time is given, else a ``date``.

    A datetime is timezone-aware only when the text names an offset (or Z/UTC/GMT).
    """
    if not text:
        return None
    try:
        return _parse(text.strip()[:400])
    except (ValueError, OverflowError, IndexError):
        return None


def _parse(text: str) -> PublishedDate | None:
    found = _ISO.search(text)
    if found:
        return _parse_iso(found)
    compact = _COMPACT.match(text)
    if compact:
        day = _day(int(compact[1]), int(compact[2]), int(compact[3]))
        if day is None or compact[4] is None:
            return day
        tz = UTC if compact[7] else None
        return _with_time(day, int(compact[4]), int(compact[5]), int(compact[6] or 0), tz)
    if _EPOCH.match(text):
        seconds = int(text[:10])
        stamp = datetime.fromtimestamp(seconds, tz=UTC)
        return stamp if MIN_YEAR <= stamp.year <= MAX_YEAR else None
    return parse_textual_date(text)


def parse_textual_date(text: str) -> PublishedDate | None:
    """A date written out for people: "April 12, 2019", "12 April 2019", "2019/04/12"."""
    best: tuple[int, PublishedDate] | None = None
    for pattern, order in ((_MONTH_DAY_YEAR, "mdy"), (_DAY_MONTH_YEAR, "dmy")):
        found = pattern.search(text)
        if not found:
            continue
        if order == "mdy":
            month, day_text, year = _MONTHS.get(found[1].lower().rstrip(".")), found[2], found[3]
        else:
            month, day_text, year = _MONTHS.get(found[2].lower().rstrip(".")), found[1], found[3]
        if month is None:
            continue
        day = _day(int(year), month, int(day_text))
        if day is not None and (best is None or found.start() < best[0]):
            best = (found.start(), _textual_time(day, text[found.end() :]))
    if best is not None:
        return best[1]
    slashed = _SLASHED_YMD.search(text)
    if slashed:
        return _day(int(slashed[1]), int(slashed[2]), int(slashed[3]))
    return None


def date_from_url(url: str | None) -> date | None:
    """A day written in a URL's path (``/2019/04/12/`` or ``/20190412/``), else None."""
    if not url:
        return None
    try:
        for pattern in (_URL_DATE, _URL_COMPACT):
            found = pattern.search(url)
            if found:
                day = _day(int(found[1]), int(found[2]), int(found[3]))
                if day is not None:
                    return day
    except ValueError:
        return None
    return None
