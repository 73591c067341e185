"""The tree the XML readers build: ``Node`` values, the ``Sink`` that takes items as
they close, and the ``TreeBuilder`` that both readers (expat, and the lenient one for
documents expat cannot read) drive with start, text and end events.

Tags are canonical: namespaces that mean the same to us get one short prefix (RSS names
are bare, Atom's are ``atom:``); an undeclared prefix is read as it usually means.
"""


from __future__ import annotations

import contextlib
from html.entities import html5
from urllib.parse import urljoin

ATOM = "http://www.w3.org/2005/Atom"
XHTML = "http://www.w3.org/1999/xhtml"

# Namespaces that mean the same to us get one short prefix. RSS 0.9x/1.0/2.0 names are
# bare; everything else keeps "{uri}" or its prefix as written.
_CANON = {
    "": "",
    "http://purl.org/rss/1.0/": "",
    "http://my.netscape.com/rdf/simple/0.9/": "",
    "http://backend.userland.com/rss2": "",
    "http://backend.userland.com/rss": "",
    ATOM: "atom:",
    "http://purl.org/atom/ns#": "atom:",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:",
    "http://purl.org/rss/1.0/modules/content/": "content:",
    "http://purl.org/dc/elements/1.1/": "dc:",
    "http://purl.org/dc/terms/": "dcterms:",
    XHTML: "xhtml:",
    "http://www.itunes.com/dtds/podcast-1.0.dtd": "itunes:",
    "http://search.yahoo.com/mrss/": "media:",
    "http://opml.org/spec2": "",
}
# What an undeclared prefix usually means (a common mistake of hand-written feeds).
_USUAL_PREFIX = {
    "atom": ATOM, "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "xhtml": XHTML,
    "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
    "media": "http://search.yahoo.com/mrss/", "rss": "http://purl.org/rss/1.0/",
}

MAX_DEPTH = 256
"""Elements nested deeper are not built (their text goes to the deepest node kept)."""
MAX_NODES = 200_000
"""Nodes built between two items the sink takes; beyond, elements are flattened."""


class Node:
    """An element: its canonical tag (``atom:link``, ``title``, ``{uri}name``), its
    attributes as written, its children (text and nodes in order) and its effective
    ``xml:base`` (None when none applies). ``first`` indexes the first child of each
    tag; whoever adds or removes a child node resets it to None."""

    __slots__ = ("attrs", "base", "children", "first", "tag")

    def __init__(self, tag: str, attrs: dict[str, str], base: str | None) -> None:
        self.tag = tag
        self.attrs = attrs
        self.base = base
        self.children: list[Node | str] = []
        self.first: dict[str, Node] | None = None

    def text(self) -> str:
        """The node's own text (not its descendants')."""
        parts = [c for c in self.children if isinstance(c, str)]
        return parts[0] if len(parts) == 1 else "".join(parts)

    def all_text(self) -> str:
        """The text of the node and all its descendants, in order."""
        out: list[str] = []
        stack: list[Node | str] = [self]
        while stack:
            cur = stack.pop()
            if isinstance(cur, str):
                out.append(cur)
            else:
                stack.extend(reversed(cur.children))
        return "".join(out)

    def find(self, *tags: str) -> Node | None:
        """The first child with one of ``tags`` (in the order of ``tags``)."""
        first = self.first
        if first is None:
            first = {}
            for c in self.children:
                if not isinstance(c, str) and c.tag not in first:
                    first[c.tag] = c
            self.first = first
        for tag in tags:
            found = first.get(tag)
            if found is not None:
                return found
        return None

    def find_all(self, tag: str) -> list[Node]:
        return [c for c in self.children if not isinstance(c, str) and c.tag == tag]


class Sink:
    """Told about elements as they close. ``take`` is called for the tags in
    ``take_tags`` and returns True to own the node (it is then removed from its parent).
    Elements whose tag is in ``skip_tags`` (which may change as reading goes on) are not
    built at all, subtree and all; ``skipped`` is told of each as it closes."""

    take_tags: frozenset[str] = frozenset()
    skip_tags: frozenset[str] = frozenset()

    def take(self, node: Node, parent: Node, depth: int) -> bool:
        return False

    def skipped(self, tag: str, parent: Node, depth: int) -> None:
        return None


class XmlResult:
    """The tree the reader built (its ``root`` is a document node holding the root
    element), the warnings, and whether the input looked like HTML rather than XML."""

    __slots__ = ("error", "root", "warnings")

    def __init__(self, root: Node, warnings: list[str], error: str | None) -> None:
        self.root = root
        self.warnings = warnings
        self.error = error

    @property
    def element(self) -> Node | None:
        for c in self.root.children:
            if isinstance(c, Node):
                return c
        return None


# --- the builder ------------------------------------------------------------------------


class TreeBuilder:
    """Builds ``Node`` trees from start, text and end events; see the module."""

    def __init__(self, sink: Sink, base: str | None) -> None:
        self.sink = sink
        self.doc = Node("#document", {}, base)
        self.stack: list[Node] = [self.doc]
        self.ns_stack: list[tuple[int, dict[str, str]]] = [(0, {})]
        self.next_ns = 1
        self.tag_cache: dict[tuple[str, int], str] = {}
        self.flat = 0  # elements open below MAX_DEPTH or beyond MAX_NODES: not built
        self.skipping = 0  # elements open inside a skipped subtree
        self.skipped_tag = ""
        self.built = 0
        self.unknown_entities: set[str] = set()
        self.flattened = False
        self.progress = 0  # elements the sink took
        self.total = 0  # nodes built

    def tag_of(self, name: str, ns_id: int, ns: dict[str, str]) -> str:
        key = (name, ns_id)
        tag = self.tag_cache.get(key)
        if tag is not None:
            return tag
        prefix, colon, local = name.rpartition(":")
        if colon:
            uri = ns.get(prefix)
            if uri is None:
                uri = _USUAL_PREFIX.get(prefix.lower())
            if uri is None:
                tag = f"{prefix}:{local}"
            else:
                canon = _CANON.get(uri)
                tag = f"{canon}{local}" if canon is not None else f"{{{uri}}}{local}"
        else:
            uri = ns.get("", "")
            canon = _CANON.get(uri)
            tag = f"{canon}{name}" if canon is not None else f"{{{uri}}}{name}"
        self.tag_cache[key] = tag
        return tag

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if self.skipping:
            self.skipping += 1
            return
        if self.flat:
            self.flat += 1
            return
        ns_id, ns = self.ns_stack[-1]
        if attrs:
            declared = [(k, v) for k, v in attrs.items() if k.startswith("xmlns")]
            if declared:
                ns = dict(ns)
                for k, v in declared:
                    ns[k[6:] if k.startswith("xmlns:") else ""] = v.strip()
                ns_id = self.next_ns
                self.next_ns += 1
        if len(self.stack) == 1 and name == "feed" and "" not in ns:
            # An Atom feed that forgot its namespace is still Atom.
            ns = {**ns, "": ATOM}
            ns_id = self.next_ns
            self.next_ns += 1
        tag = self.tag_cache.get((name, ns_id)) or self.tag_of(name, ns_id, ns)
        parent = self.stack[-1]
        depth = len(self.stack)
        if tag in self.sink.skip_tags:
            self.skipping = 1
            self.skipped_tag = tag
            return
        if depth > MAX_DEPTH or self.built >= MAX_NODES:
            self.flat = 1
            self.flattened = True
            return
        base = parent.base
        xml_base = attrs.get("xml:base") if attrs else None
        if xml_base is not None:
            xml_base = xml_base.strip()
            with contextlib.suppress(ValueError):
                base = urljoin(base, xml_base) if base else xml_base
        node = Node(tag, attrs, base)
        parent.children.append(node)
        parent.first = None
        self.stack.append(node)
        self.ns_stack.append((ns_id, ns))
        self.built += 1
        self.total += 1

    def end(self, name: str) -> None:
        if self.skipping:
            self.skipping -= 1
            if not self.skipping:
                self.sink.skipped(self.skipped_tag, self.stack[-1], len(self.stack))
            return
        if self.flat:
            self.flat -= 1
            return
        node = self.stack.pop()
        self.ns_stack.pop()
        if node.tag in self.sink.take_tags:
            parent = self.stack[-1]
            if self.sink.take(node, parent, len(self.stack)):
                parent.children.pop()
                parent.first = None
                self.built = 0
                self.progress += 1

    def salvage(self) -> None:
        """After an error or a cut: close the elements still open, innermost first, and
        offer them to the sink, so that an item cut short keeps its complete title and
        link. What was being read when the input stopped is incomplete: the innermost
        element goes when it holds only text (half an address is no address), else only
        its trailing text goes."""
        if self.skipping or self.flat or len(self.stack) < 2:
            return
        innermost = self.stack[-1]
        if innermost.children and isinstance(innermost.children[-1], str):
            innermost.children.pop()
        if not any(isinstance(c, Node) for c in innermost.children):
            self.stack.pop()
            self.ns_stack.pop()
            parent = self.stack[-1]
            parent.children.pop()  # an open element is its parent's last child
            parent.first = None
        while len(self.stack) > 1:
            node = self.stack.pop()
            self.ns_stack.pop()
            parent = self.stack[-1]
            sink = self.sink
            if node.tag in sink.take_tags and sink.take(node, parent, len(self.stack)):
                parent.children.pop()
                parent.first = None

    def data(self, text: str) -> None:
        if not self.skipping:
            self.stack[-1].children.append(text)

    def skipped_entity(self, name: str, is_parameter: bool) -> None:
        if is_parameter or self.skipping:
            return
        char = html5.get(name + ";")
        if char is not None:
            self.stack[-1].children.append(char)
        else:
            self.unknown_entities.add(name)

    def default(self, text: str) -> None:
        return None


