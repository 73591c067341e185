"""The news list draws its first rows at once and the rest right after: every story
gets its row, in order, a kept row is shown at once, and a mark changed on a row still
to come shows when it comes."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from textual.app import App, ComposeResult

from reader.app.widgets.item_list import FIRST_ROWS, ItemList
from reader.cache import ItemRecord

FEED = "https://paper.example/feed.xml"


def record(i: int) -> ItemRecord:
    return ItemRecord(
        id=i, url=f"https://paper.example/2026/01/story-{i}", title=f"Harbour story {i}",
        published=None, summary=None, content=None, author=None,
        first_seen=datetime(2026, 1, 1, tzinfo=UTC), read=False, fulltext="pending",
        fulltext_error=None, feeds=(FEED,), offline=False,
    )


class Lists(App[None]):
    def compose(self) -> ComposeResult:
        yield ItemList(id="items")


async def test_every_story_gets_its_row_after_the_first_ones() -> None:
    app = Lists()
    stories = [record(i) for i in range(FIRST_ROWS * 3 + 7)]
    async with app.run_test(size=(100, 30)) as pilot:
        items = app.query_one(ItemList)
        items.show_items(stories, {FEED: "Paper"})
        assert items.option_count == FIRST_ROWS
        assert items.selected_item == stories[0]
        late = stories[FIRST_ROWS + 5]
        items.replace_item(replace(late, read=True))  # its row is still to come
        await pilot.pause()
        await pilot.pause()
        assert items.option_count == len(stories)
        assert [items.get_option_at_index(i).id for i in range(len(stories))] == [
            str(s.id) for s in stories]
        assert str(items.get_option_at_index(FIRST_ROWS + 5).prompt).startswith("✓")
        assert str(items.get_option_at_index(FIRST_ROWS + 6).prompt).startswith("·")
        # Shown again with the highlight far down: the rows up to it come at once.
        items.highlighted = len(stories) - 2
        kept = items.selected_item
        items.show_items(stories[:], {FEED: "Paper"})
        assert items.selected_item == kept
        assert items.option_count == len(stories) - 1
        # A newer list before the rest came: only its own rows.
        items.show_items(stories[:3], {FEED: "Paper"})
        await pilot.pause()
        await pilot.pause()
        assert items.option_count == 3
