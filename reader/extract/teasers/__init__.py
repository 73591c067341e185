"""Teaser finding: the other stories a page links to, ranked as ``docs/TEASERS.md`` says.

``finder`` walks the page's links; ``context`` reads the block each link stands in;
``shape`` judges whether a URL looks like a story; ``cards`` reads a card's headline and
summary; ``text`` cleans and classifies headline text.
"""

from reader.extract.teasers.finder import MAX_LINKS, MAX_TEASERS, TeaserResult, find_teasers

__all__ = ["MAX_LINKS", "MAX_TEASERS", "TeaserResult", "find_teasers"]
