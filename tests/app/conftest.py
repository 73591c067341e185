"""Every app test keeps the notifications its app posts (``tests.support.app.notes``)."""

from __future__ import annotations

import pytest

from tests.support.app import keep_every_notification


@pytest.fixture(autouse=True)
def _notifications_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    keep_every_notification(monkeypatch)
