"""Hook: automatic cross-links from plain-text terms to their definitions, with tooltips.

on_env  (all pages rendered, so every declared term is known) build the term
        index and ONE matcher over all terms and aliases, then rewrite each
        author page's HTML: the first occurrence of each term that the page's
        link policy allows (kb.linkpolicy: a character budget and links per
        paragraph, stricter on listing pages) becomes
        <a class="autolink" href="page/#anchor" title="summary" data-term=… data-summary=…>,
        except for the terms defined on that page and the terms declared
        `autolink: false`. The popover (web/popover/) shows the summary; without
        JavaScript the browser shows the title. Generated pages (glossary,
        question index) are not linked.

The index and matcher live only inside on_env. What is kept between builds
(for `mkdocs serve`) is a memo of linked pages, keyed by the page's URL and HTML
and valid only for one term index: a rebuild relinks just the pages that changed.
"""

from __future__ import annotations

from kb.linker import LinkTarget, Matcher, Surface, link_terms
from kb.linkpolicy import policy_for
from kb.site import href, is_generated, site_pages
from kb.terms import build_term_index, summary_text
from mkdocs.plugins import event_priority, get_plugin_logger

log = get_plugin_logger(__name__)

_memo: dict = {"index": None, "pages": {}}


def on_config(config):
    return config  # the memo checks itself against each build's term index (see on_env)


# Priority 30: runs first among the knowledge-graph hooks, because hooks/backlinks.py (20)
# and hooks/glossary.py (10) read the links inserted here; all of it before any
# on_page_context, where Material's search plugin indexes page.content.
@event_priority(30)
def on_env(env, config, files):
    pages = site_pages(files)
    index = build_term_index((page.file.src_uri, page.meta.get("_terms", ())) for page in pages)
    matcher = Matcher(Surface(s, e.name, e.case_sensitive) for e in index.entries for s in e.surfaces)
    by_uri = {page.file.src_uri: page for page in pages}
    entries = {e.name: e for e in index.entries}
    own: dict[str, list[str]] = {}
    for entry in index.entries:
        own.setdefault(entry.src_uri, []).append(entry.name)
    fingerprint = (tuple(index.entries), tuple((uri, page.url) for uri, page in by_uri.items()))
    if _memo["index"] != fingerprint:  # other terms, or pages moved: nothing remembered holds
        _memo["index"], _memo["pages"] = fingerprint, {}
    total = 0
    for page in pages:
        if is_generated(page):
            continue

        def target_of(name, page=page):
            entry = entries[name]
            if not entry.autolink:
                return None
            link = href(by_uri[entry.src_uri], page, entry.anchor)
            return LinkTarget(link, summary_text(entry.summary), entry.name)

        key = (page.url, page.content)
        if key not in _memo["pages"]:
            _memo["pages"][key] = link_terms(
                page.content,
                matcher,
                target_of,
                skip=own.get(page.file.src_uri, ()),
                policy=policy_for(page.file.src_uri),
            )
        page.content, linked = _memo["pages"][key]
        total += len(linked)
    log.debug(f"autolinks: {total} links, {len(entries)} terms, {len(pages)} pages")
    return env
