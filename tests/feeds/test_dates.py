"""Feed dates: RFC 822, ISO 8601 and the usual mistakes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from reader.feeds.dates import parse_date


def tz(hours: float) -> timezone:
    return timezone(timedelta(hours=hours))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tue, 05 Nov 2024 08:30:00 +0100", datetime(2024, 11, 5, 8, 30, tzinfo=tz(1))),
        ("Tue, 5 Nov 2024 08:30:00 GMT", datetime(2024, 11, 5, 8, 30, tzinfo=UTC)),
        ("5 Nov 2024 08:30 EST", datetime(2024, 11, 5, 8, 30, tzinfo=tz(-5))),
        ("Tue, 05 Nov 24 08:30:00 PDT", datetime(2024, 11, 5, 8, 30, tzinfo=tz(-7))),
        ("Tuesday, 05-Nov-2024 08:30:00 +05:30", datetime(2024, 11, 5, 8, 30, tzinfo=tz(5.5))),
        ("Tue, 05 Nov 2024 08:30:00", datetime(2024, 11, 5, 8, 30, tzinfo=UTC)),
        ("Di, 05 Nov 2024 08:30:00 +0000", datetime(2024, 11, 5, 8, 30, tzinfo=UTC)),
        ("05 Nov 2024", date(2024, 11, 5)),
        ("Sun, 19 May 2002 15:21:36 GMT+02:00", datetime(2002, 5, 19, 15, 21, 36, tzinfo=tz(2))),
        ("2024-11-05T08:30:00Z", datetime(2024, 11, 5, 8, 30, tzinfo=UTC)),
        ("2024-11-05T08:30:00.123-04:00", datetime(2024, 11, 5, 8, 30, tzinfo=tz(-4))),
        ("2024-11-05 08:30:00", datetime(2024, 11, 5, 8, 30, tzinfo=UTC)),
        ("2024-11-05T08:30+0200", datetime(2024, 11, 5, 8, 30, tzinfo=tz(2))),
        ("20241105T083000Z", datetime(2024, 11, 5, 8, 30, tzinfo=UTC)),
        ("2024-11-05", date(2024, 11, 5)),
        ("Nov 5, 2024 8:30 PM", datetime(2024, 11, 5, 20, 30, tzinfo=UTC)),
        ("2024-11-05T24:00:00Z", datetime(2024, 11, 6, 0, 0, tzinfo=UTC)),
    ],
)
def test_readable_dates(text: str, expected: datetime | date) -> None:
    got = parse_date(text)
    assert got == expected
    assert type(got) is type(expected)
    if isinstance(got, datetime):
        assert got.tzinfo is not None
        assert got.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize(
    "text",
    ["", "   ", "not a date", "yesterday", "2024-13-45", "31 Foo 2024", "0001-01-01T00:00:00Z",
     "1970-01-01", "Tue, 05 Nov 2024 25:99:00 +0000", "2024-11-05T08:30:00+9900", "x" * 500,
     "2200-01-01"],
)
def test_unreadable_dates_are_none(text: str) -> None:
    assert parse_date(text) is None
