"""Reading feed and OPML documents as XML, safely: ``read`` (expat, entities never
expanded), ``prep`` (repairs before expat), ``loose`` (a lenient reader for what expat
cannot read), ``tree`` (the small element tree both build)."""
