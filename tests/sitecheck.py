"""Link integrity over a built site: every internal href resolves to a file, every #fragment to an id."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit


class _PageScan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        if tag == "a" and attrs.get("href") is not None:
            self.hrefs.append(attrs["href"])

    handle_startendtag = handle_starttag


def scan(path: Path) -> _PageScan:
    parser = _PageScan()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def _target_file(site: Path, url_path: str) -> Path | None:
    local = site / unquote(url_path).lstrip("/")
    if url_path.endswith("/") or local.is_dir():
        local = local / "index.html"
    return local if local.is_file() else None


def broken_links(site: Path, root_path: str = "/") -> list[str]:
    """'page: href (reason)' for every internal link that does not resolve; empty when all do.

    root_path is the path the site is deployed under (site_url's path): absolute links such
    as those on 404.html start with it.
    """
    base = "http://site.invalid" + root_path
    pages = {p: scan(p) for p in sorted(site.rglob("*.html"))}
    problems = []
    for page, info in pages.items():
        page_url = urljoin(base, page.relative_to(site).as_posix())
        for href in info.hrefs:
            absolute = urljoin(page_url, href)
            parts = urlsplit(absolute)
            if not absolute.startswith(base):
                continue  # external, or outside the deployed site
            target = _target_file(site, parts.path[len(root_path) - 1 :])
            rel = page.relative_to(site).as_posix()
            if target is None:
                problems.append(f"{rel}: {href} (no such file)")
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else scan(target).ids
                if fragment not in ids:
                    problems.append(f"{rel}: {href} (no id '{fragment}')")
    return problems
