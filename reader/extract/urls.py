"""URL normalisation for links found in pages. Pure, total and fast.

``resolve_url`` turns an ``href`` into an absolute http(s) URL fit to store and compare:
fragment dropped, tracking parameters removed, redirect wrappers unwrapped, host lower
case, default port dropped. Anything that is not http(s) -- however it is disguised --
gives ``None``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any
from urllib.parse import quote, unquote, urljoin, urlsplit

__all__ = ["base_from", "base_url", "host_of", "registrable_domain", "resolve_url",
           "same_publisher", "same_site"]

# Characters browsers strip from both ends of an href (C0 controls and space).
_EDGE = "".join(chr(c) for c in range(0x21))
# Characters browsers delete anywhere in a URL before parsing it.
_TAB_NL = re.compile(r"[\t\n\r]")
# Anything a URL must never carry through to us: the other C0/C1 controls, DEL, the
# bidirectional formatting characters and zero-width characters.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]"
)
# A scheme at the start, checked on a copy with every control and blank removed, so that
# "jav&#x09;ascript:" or "java\x00script:" are recognised for what they are.
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_SQUEEZE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")

_TRACKING_NAMES = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "msclkid",
        "yclid",
        "igshid",
        "twclid",
        "mc_cid",
        "mc_eid",
        "icid",
        "ncid",
        "cmpid",
        "ocid",
        "smid",
        "smtyp",
        "intcid",
        "intcmp",
        "xtor",
        "module",
        "ref",
        "ref_src",
        "ref_url",
        "referrer",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "hsctatracking",
        "mkt_tok",
        "oly_anon_id",
        "oly_enc_id",
        "vero_id",
        "wt.mc_id",
        "wt_mc_id",
        "s_cid",
        "cmp",
        "cmpgn",
        "campaign_id",
        "mbid",
        "ito",
        "sr_share",
        "fb_action_ids",
        "fb_action_types",
        "fb_ref",
        "fb_source",
        "action_object_map",
        "action_type_map",
        "action_ref_map",
        "spm",
        "scm",
        "rss",
        "feedtype",
        "feedname",
        "partner",
        "cid_source",
        "trk",
        "trkcampaign",
        "sc_cid",
        "ns_mchannel",
        "ns_source",
        "ns_campaign",
        "ns_linkname",
        "ns_fee",
        "at_medium",
        "at_campaign",
        "at_custom1",
        "at_custom2",
        "at_custom3",
        "at_custom4",
        "__twitter_impression",
        "__tn__",
        "ved",
        "usg",
        "ei",
    }
)
_TRACKING_PREFIXES = ("utm_", "intc_", "itm_", "pk_", "mtm_", "matomo_", "piwik_", "hmb_")

# Redirectors: a path like this, with the real target as a parameter.
_REDIRECT_PATH = re.compile(
    r"(?:^|/)(?:redirect|redir|out|outbound|outgoing|exit|away|go|goto|click|clk|link|"
    r"url|l\.php|r\.php|redirect\.php|out\.php|track|tracking|r|leave)(?:\.\w{2,5})?/?$",
    re.IGNORECASE,
)
"""The last segment of a redirector's path ("/out", "/go.php")."""
_REDIRECT_SEGMENT = re.compile(
    r"/[\w.-]*(?:linktrack|clicktrack|redirect|clickout|tracking)[\w.-]*/", re.IGNORECASE
)
"""A segment anywhere that names tracking or redirection ("/linktrack/button/")."""
_REDIRECT_PATH_LOW = re.compile(_REDIRECT_PATH.pattern)
"""``_REDIRECT_PATH`` for lower-case ASCII text (a case-blind search is slow in ``re``)."""


def _redirect_path(path: str) -> bool:
    """True for the path of a redirector (its target must still be a full http(s) address
    in a known parameter). The second pattern runs only on paths that name one."""
    low = path.lower()
    if _REDIRECT_PATH_LOW.search(low) if low.isascii() else _REDIRECT_PATH.search(path):
        return True
    return ("track" in low or "redirect" in low or "clickout" in low) and bool(
        _REDIRECT_SEGMENT.search(path)
    )


_REDIRECT_PARAMS = (
    "url",
    "u",
    "q",
    "to",
    "target",
    "dest",
    "destination",
    "redirect",
    "redirect_url",
    "redirect_uri",
    "goto",
    "link",
    "out",
    "href",
    "next",
)
_DEFAULT_PORT = {"http": 80, "https": 443}
_SHORT_SLD = frozenset(
    {
        "co",
        "com",
        "org",
        "net",
        "gov",
        "ac",
        "edu",
        "ne",
        "or",
        "go",
        "gob",
        "nic",
        "mil",
        "ltd",
        "plc",
        "sch",
        "nhs",
        "police",
        "gv",
        "gouv",
        "asso",
        "nom",
        "info",
        "biz",
        "web",
        "press",
        "tv",
    }
)
_SUBDOMAIN_NOISE = ("www.", "www1.", "www2.", "m.", "amp.", "mobile.")


def resolve_url(href: str, base: str | None) -> str | None:
    """``href`` as an absolute, normalised http(s) URL, or None. Never raises."""
    try:
        # Fast paths for the common shapes that are nearly normal already (nothing to
        # quote, a lower-case host name without port, no redirect wrapper): the general
        # path gives the same.
        if _PLAIN_ABSOLUTE.fullmatch(href):
            head, _, query = href.partition("#")[0].partition("?")
            if head.count("/") < 3:
                head += "/"
            fast = _with_query(head, head[head.find("/", 8) :], query)
        elif base is not None and _PLAIN_ROOTED.fullmatch(href) and "/." not in href:
            origin = _normal_origin(base)
            path, _, query = href.partition("#")[0].partition("?")
            fast = _with_query(origin + path, path, query) if origin is not None else None
        else:
            fast = None
        return fast if fast is not None else _resolve(href, base, 0)
    except Exception:  # pragma: no cover - a last guard; every known path returns
        return None


def _with_query(head: str, path: str, query: str) -> str | None:
    """``head`` with the query cleaned of tracking; None when the path may be a redirect
    wrapper (the general path unwraps it)."""
    if not query:
        return head
    if _redirect_path(path):
        return None
    query = _strip_tracking(query)
    return f"{head}?{query}" if query else head


_PATH_CHARS = r"[A-Za-z0-9\-._~!$&'()*+,;=:@%/]"
_QUERY_CHARS = r"[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]"
_PLAIN_ABSOLUTE = re.compile(
    r"https?://[a-z0-9_](?:[a-z0-9_.\-]*[a-z0-9_])?(?:/" + _PATH_CHARS + r"*)?"
    r"(?:\?" + _QUERY_CHARS + r"*)?(?:#[!-~]*)?"
)
_PLAIN_ROOTED = re.compile(r"/(?!/)" + _PATH_CHARS + r"*(?:\?" + _QUERY_CHARS + r"*)?(?:#[!-~]*)?")


@lru_cache(maxsize=256)
def _normal_origin(base: str) -> str | None:
    """The normalised ``scheme://host[:port]`` of a base URL, or None when unusable."""
    b = _base_for_join(base)
    if b is None:
        return None
    root = _normalise(_origin(b) + "/", 0)
    return root[:-1] if root is not None and root.endswith("/") else None


@lru_cache(maxsize=8192)
def _resolve(href: str, base: str | None, depth: int) -> str | None:
    joined = _join(href, base)
    if joined is None:
        return None
    return _normalise(joined, depth)


def _join(href: str, base: str | None) -> str | None:
    """Browser-like join of ``href`` onto ``base``; None unless the result is http(s)."""
    s = _TAB_NL.sub("", href.strip(_EDGE))
    if not s or _FORBIDDEN.search(s):
        return None
    squeezed = _SQUEEZE.sub("", s)
    m = _SCHEME.match(squeezed)
    if m:
        scheme = m.group(1).lower()
        if scheme not in _DEFAULT_PORT:
            return None
        if not s.lower().startswith(scheme + ":"):
            return None  # blanks inside the scheme part: never a link a browser follows
        # Browsers accept "http:\\host" and "https:host": make them plain.
        rest = s[m.end() :].replace("\\", "/")
        if not rest.startswith("//"):
            rest = "//" + rest.lstrip("/")
        s = scheme + ":" + rest
    else:
        s = _fix_backslashes(s)
        if s.startswith("//"):
            scheme = "https"
            if base:
                bs = _SCHEME.match(base.strip(_EDGE))
                if bs and bs.group(1).lower() in _DEFAULT_PORT:
                    scheme = bs.group(1).lower()
            s = scheme + ":" + s
        else:
            b = _base_for_join(base)
            if b is None:
                return None
            # A root-relative path is the common case: join it without urljoin's cost.
            fast = s.startswith("/") and "/." not in s
            s = _origin(b) + s if fast else urljoin(b, s)
    return s if s[:7].lower() == "http://" or s[:8].lower() == "https://" else None


# scheme, authority, path, query (fragment dropped); the scheme is known to be http(s).
_PARTS = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*)://([^/?#]*)([^?#]*)(?:\?([^#]*))?", re.DOTALL)


_IPV6 = re.compile(r"^[0-9A-Fa-f:.]+$")
_HOST = re.compile(r"^[a-z0-9_](?:[a-z0-9_.\-]*[a-z0-9_])?$")


@lru_cache(maxsize=256)
def _origin(base: str) -> str:
    m = _PARTS.match(base)
    return f"{m.group(1)}://{m.group(2)}" if m else base


def _fix_backslashes(s: str) -> str:
    """Backslashes before the query count as slashes for http(s) in browsers."""
    cut = len(s)
    for ch in "?#":
        i = s.find(ch)
        if i != -1:
            cut = min(cut, i)
    return s[:cut].replace("\\", "/") + s[cut:]


@lru_cache(maxsize=256)
def _base_for_join(base: str | None) -> str | None:
    if not base:
        return None
    b = base.strip(_EDGE)
    m = _SCHEME.match(b)
    if not m or m.group(1).lower() not in _DEFAULT_PORT or _FORBIDDEN.search(b):
        return None
    b = _TAB_NL.sub("", b)
    try:
        if not urlsplit(b).hostname:
            return None
    except ValueError:
        return None
    return b


def _normalise(url: str, depth: int) -> str | None:
    m = _PARTS.match(url)
    if m is None:
        return None
    scheme, netloc, raw_path, raw_query = m.group(1, 2, 3, 4)
    scheme = scheme.lower()
    if scheme not in _DEFAULT_PORT:
        return None
    hostport = netloc.rpartition("@")[2]
    if hostport.startswith("["):
        raw_host, closed, rest = hostport[1:].partition("]")
        if not closed or not _IPV6.match(raw_host):
            return None
        port_text = rest[1:] if rest.startswith(":") else ""
    else:
        raw_host, _, port_text = hostport.partition(":")
    if port_text and not (port_text.isascii() and port_text.isdigit()):
        return None
    port = int(port_text) if port_text else None
    if port is not None and port > 65535:
        return None
    host = _clean_host(raw_host)
    if host is None:
        return None
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != _DEFAULT_PORT[scheme]:
        netloc += f":{port}"
    path = _quote_part(raw_path) or "/"
    query = _strip_tracking(raw_query)
    if depth < 3:
        target = _unwrap(host, path, query)
        if target is not None:
            inner = _resolve(target, None, depth + 1)
            if inner is not None:
                return inner
    return (
        f"{scheme}://{netloc}{path}?{_quote_part(query)}" if query else f"{scheme}://{netloc}{path}"
    )


def _clean_host(raw: str) -> str | None:
    host = raw.rstrip(".").lower()
    if not host:
        return None
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            return None
    if not _HOST.match(host) and not (":" in host and _IPV6.match(host)):
        return None
    return host


_NEEDS_QUOTE = re.compile(r'[^\x21-\x7e]|["<>`{}|\\^]')


def _quote_part(s: str) -> str:
    """Percent-encode what may not appear raw in a URL (non-ASCII, blanks, quotes)."""
    if not _NEEDS_QUOTE.search(s):
        return s
    return quote(s, safe="%/:=&?~+!$,;'@()*[]-._#")


def _strip_tracking(query: str) -> str:
    if not query:
        return ""
    kept = []
    for pair in query.split("&"):
        if not pair:
            continue
        name = pair.split("=", 1)[0].lower().removeprefix("amp;")
        if name in _TRACKING_NAMES or name.startswith(_TRACKING_PREFIXES):
            continue
        kept.append(pair)
    return "&".join(kept)


def _unwrap(host: str, path: str, query: str) -> str | None:
    """The target of a known redirect wrapper, or None."""
    if not query or not _redirect_path(path):
        return None
    params: dict[str, str] = {}
    for pair in query.split("&"):
        name, _, value = pair.partition("=")
        params.setdefault(name.lower(), value)
    for name in _REDIRECT_PARAMS:
        got = params.get(name)
        if not got:
            continue
        target = unquote(got.replace("+", " ")).strip()
        if target.startswith("//") or _SCHEME.match(target):
            low = target[:8].lower()
            if low.startswith(("http://", "https://", "//")):
                return target
    return None


def base_url(tree: Any, page_url: str | None) -> str | None:
    """The URL relative links resolve against: ``<base href>`` (itself resolved against
    the page URL) when the page has one, else the page URL. Never raises."""
    try:
        node = tree.css_first("base[href]")
        return base_from(node.attributes.get("href") if node is not None else None, page_url)
    except Exception:
        return None


def base_from(base_href: str | None, page_url: str | None) -> str | None:
    """``base_url`` for a page whose first ``<base href>`` says ``base_href`` (None when
    it has none), for callers that found that element themselves. Never raises."""
    try:
        page = _base_for_join(page_url) if page_url else None
        if base_href:
            joined = _join(base_href, page)
            if joined is not None and _base_for_join(joined):
                return joined
        return page
    except Exception:
        return None


_PSL: Any = None
"""The Public Suffix List, read from the ``publicsuffixlist`` package on first use (about
40 ms, once per process; the package carries its own copy of the list and never fetches)."""


def _suffix_list() -> Any:
    global _PSL
    if _PSL is None:
        try:
            from publicsuffixlist import PublicSuffixList

            _PSL = PublicSuffixList()
        except Exception:  # pragma: no cover - a broken install: guess as before
            _PSL = False
    return _PSL


@lru_cache(maxsize=4096)
def registrable_domain(host_or_url: str) -> str:
    """The registrable part of a host by the Public Suffix List: ``news.bbc.co.uk`` ->
    ``bbc.co.uk``, ``www.example.com`` -> ``example.com``, ``me.github.io`` ->
    ``me.github.io``. An IP address, a single label or a public suffix itself is its own."""
    host = host_or_url.strip().lower()
    if "/" in host:
        try:
            host = urlsplit(host if "//" in host else "//" + host).hostname or ""
        except ValueError:
            return ""
    host = host.rstrip(".")
    if not host or ":" in host or host.replace(".", "").isdigit() or "." not in host:
        return host
    psl = _suffix_list()
    if psl:
        try:
            found = psl.privatesuffix(host)
        except Exception:  # pragma: no cover - the list answers any string
            found = None
        return str(found) if found else host
    return _guess_domain(host)  # pragma: no cover - only without the list


def _guess_domain(host: str) -> str:
    """The registrable part guessed from the shape of the host (without the list)."""
    for prefix in _SUBDOMAIN_NOISE:
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix) :]
            break
    labels = host.split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SHORT_SLD:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _brand(domain: str) -> str:
    return domain.split(".", 1)[0]


def same_site(a: str, b: str) -> bool:
    """True when two URLs (or hosts) belong to one publisher: the same registrable domain,
    or the same name under another suffix (``bbc.co.uk`` and ``bbc.com``)."""
    try:
        da, db = registrable_domain(host_of(a)), registrable_domain(host_of(b))
    except Exception:
        return False
    return same_publisher(da, db)


def same_publisher(da: str, db: str) -> bool:
    """``same_site`` for two registrable domains (what ``registrable_domain`` gives), for
    callers that hold them already: no second look-up in the suffix list."""
    if not da or not db:
        return False
    if da == db:
        return True
    if "." not in da or "." not in db or da.replace(".", "").isdigit():
        return False
    ba, bb = _brand(da), _brand(db)
    return len(ba) >= 2 and ba == bb


def host_of(url_or_host: str) -> str:
    """The host part of a URL (cheaply, without parsing all of it), or the input itself."""
    _, sep, rest = url_or_host.partition("://")
    if not sep:
        return url_or_host
    authority = rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    host = authority.rpartition("@")[2]
    if host.startswith("["):
        return host.partition("]")[0] + "]"
    return host.partition(":")[0]
