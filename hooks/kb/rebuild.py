"""What a `mkdocs serve` rebuild can take from the previous build instead of redoing.

MkDocs rebuilds the whole site after every save: every page's Markdown is converted
again and every page's template rendered again, although one page changed. Two memos,
both keyed by everything the step reads, so that a hit gives exactly what the step
would have produced (tests/test_rebuild.py compares a rebuilt site with a clean build,
byte for byte):

``MarkdownMemo``  the Markdown conversion of a page (``Page.render``): its inputs are the
                  page's Markdown after the ``page_markdown`` hooks, where the page is, the
                  site's files (relative links are resolved against them) and the Markdown
                  settings. It keeps what ``render`` sets on the page and the warnings it
                  logged (a broken link is reported again on every rebuild, as before).
``OutputMemo``    the rendered template of a page: its inputs are the page as the template
                  sees it (HTML after every hook, table of contents, title, front matter,
                  neighbours) and a signature of the whole site (navigation, configuration,
                  template files), computed once per build.

Both forget entries no page used in the last build, so memory stays that of one site.
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache


def digest(*parts: Any) -> str:
    """A short stable hash of JSON-able parts (objects that are not are written with ``str``)."""
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def nav_signature(items: Iterable[Any]) -> list:
    """Titles, URLs and nesting of the navigation: what every page's sidebar, tabs and footer show."""
    out = []
    for item in items:
        children = getattr(item, "children", None) or ()
        out.append([str(getattr(item, "title", "")), getattr(item, "url", None), nav_signature(children)])
    return out


def template_files_signature(folders: Iterable[str | Path]) -> list:
    """Path, size and mtime of every file in the theme's folders: a template edited under serve shows."""
    out = []
    for folder in folders:
        root = Path(folder)
        if root.is_dir():
            for path in sorted(root.rglob("*.html")):
                stat = path.stat()
                out.append([str(path), stat.st_size, stat.st_mtime_ns])
    return out


def toc_signature(toc: Iterable[Any]) -> list:
    return [[item.id, item.title, item.level, toc_signature(item.children)] for item in toc]


class CompiledTemplates(jinja2.BytecodeCache):
    """Jinja's compiled templates kept in memory between builds.

    MkDocs makes a new Jinja environment for every build, so every rebuild compiled the
    theme's forty-odd templates again (about half a second). Jinja keys the cache by the
    template's name and a checksum of its source: an edited template is compiled anew.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class _BuildMemo:
    """Results by key, valid for one site signature; what a build did not use is forgotten after it."""

    def __init__(self) -> None:
        self._found: dict[str, Any] = {}
        self._used: set[str] = set()
        self.site = ""
        self.hits = 0

    def start(self, site: str) -> None:
        """A new build; ``site`` sums up the site-wide inputs every result depends on."""
        if site != self.site:
            self._found.clear()
            self.site = site
        self._used = set()
        self.hits = 0

    def forget_unused(self) -> None:
        for key in [k for k in self._found if k not in self._used]:
            del self._found[key]


class MarkdownMemo(_BuildMemo):

    def render(self, page: Any, original: Callable[[Any, Any], None], config: Any, files: Any) -> None:
        if "--8<--" in (page.markdown or ""):  # snippets read other files: not cached
            original(config, files)
            return
        key = digest(self.site, page.file.src_uri, page.markdown)
        self._used.add(key)
        found = self._found.get(key)
        if found is None:
            self._found[key] = self._convert(page, original, config, files)
            return
        self.hits += 1
        page.content = found["content"]
        page.toc = copy.deepcopy(found["toc"])  # hooks add to a page's table of contents
        page._title_from_render = found["title"]
        page.present_anchor_ids = set(found["anchors"]) if found["anchors"] is not None else None
        if found["links"] is not None:
            page.links_to_anchors = {
                f: dict(links) for uri, links in found["links"].items() if (f := files.get_file_from_path(uri))
            }
        for record in found["records"]:
            logging.getLogger(record.name).handle(record)

    def _convert(self, page: Any, original: Callable, config: Any, files: Any) -> dict:
        records = _Records()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(records)
        try:
            original(config, files)
        finally:
            logger.removeHandler(records)
        links = getattr(page, "links_to_anchors", None)
        return {
            "content": page.content,
            "toc": copy.deepcopy(page.toc),
            "title": getattr(page, "_title_from_render", None),
            "anchors": frozenset(page.present_anchor_ids) if page.present_anchor_ids is not None else None,
            "links": {f.src_uri: dict(v) for f, v in links.items()} if links is not None else None,
            "records": records.records,
        }

class OutputMemo(_BuildMemo):

    def page_key(self, page: Any, template: str) -> str:
        meta = {k: v for k, v in (page.meta or {}).items() if k != "template"}
        neighbours = [[p.url, str(p.title)] if p is not None else None for p in (page.previous_page, page.next_page)]
        parents = []
        parent = page.parent
        while parent is not None:
            parents.append(str(parent.title))
            parent = parent.parent
        return digest(
            self.site, template, page.url, page.file.src_uri, page.content, str(page.title), meta,
            toc_signature(page.toc or ()), neighbours, parents, page.edit_url, page.canonical_url,
        )

    def lookup(self, key: str) -> str | None:
        self._used.add(key)
        found = self._found.get(key)
        if found is not None:
            self.hits += 1
        return found

    def store(self, key: str, output: str) -> str:
        self._used.add(key)
        self._found[key] = output
        return output

