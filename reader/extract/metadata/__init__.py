"""Metadata: title, byline, date, site name, language, lead image and canonical URL.

``reading`` combines the sources; ``page`` gathers the page's meta tags and headings once;
``jsonld`` reads JSON-LD; ``title``, ``byline`` and ``text`` choose and clean each field;
``names`` parses author names out of text; ``dates`` parses dates.
"""

from reader.extract.metadata.reading import Metadata, read_metadata

__all__ = ["Metadata", "read_metadata"]
