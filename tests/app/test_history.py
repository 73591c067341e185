"""Back/forward history: the browser's rules, without the app around them."""

from __future__ import annotations

from reader.app.history import History


def test_back_and_forward_walk_the_entries_and_stop_at_the_ends() -> None:
    h = History()
    assert h.current is None and not h.can_go_back and not h.can_go_forward
    for url in ("a", "b", "c"):
        h.visit(url)
    assert h.current is not None and h.current.url == "c"
    assert h.back() is not None and h.back() is not None
    assert h.current.url == "a" and not h.can_go_back and h.back() is None
    assert h.forward() is not None and h.current.url == "b" and h.can_go_forward


def test_visiting_from_the_middle_drops_the_forward_entries() -> None:
    h = History()
    for url in ("a", "b", "c"):
        h.visit(url)
    h.back()
    h.back()
    h.visit("d")
    assert [h.current.url if h.current else None, len(h)] == ["d", 2]
    assert not h.can_go_forward
    assert h.back() is not None and h.current is not None and h.current.url == "a"


def test_each_entry_keeps_its_own_position_and_revisiting_the_same_url_is_one_entry() -> None:
    h = History()
    first = h.visit("a", 12.0)
    assert h.visit("a") is first and len(h) == 1
    h.visit("b")
    back = h.back()
    assert back is not None and back.position == 12.0
    h.replace_current_url("a-final")
    assert h.current is not None and h.current.url == "a-final"
