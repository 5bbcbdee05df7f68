"""Hook: backlinks, the pages that link to a page, listed at its end.

on_env  (after hooks/autolinks.py inserted its links) read every author page's
        final links, hand-written or automatic, build the link graph, record each
        page's inbound links in page.meta["_inbound"] (the glossary reads them) and
        its outbound links in page.meta["_outbound"] (hooks/graph.py reads them),
        and append the block <h2 id="backlinks">引用本页的页面</h2> to every page
        someone links to: each referrer's title and the sentence around its first
        link here, by category (configured order), then path. Generated
        pages (glossary, question index) neither count as referrers nor get a block;
        listing pages (home, category indexes, the tag index) do not count as referrers.
"""

from __future__ import annotations

from kb.backlinks import (
    BACKLINKS_ID,
    BACKLINKS_TITLE,
    Backlink,
    LinkGraph,
    links_in_text,
    normalize_url,
    render_backlinks,
    resolve_href,
    sentence_around,
)
from kb.categories import category_of, sort_key
from kb.site import href, is_generated, is_listing, site_pages
from mkdocs.plugins import event_priority
from mkdocs.structure.toc import AnchorLink


def on_config(config):
    return config  # no module state: the graph is rebuilt in on_env on every build


# Priority 20: after hooks/autolinks.py (30), whose links count as references, and before
# hooks/glossary.py (10), which lists each term's referrers from page.meta["_inbound"];
# all before on_page_context, where Material's search plugin indexes page.content.
@event_priority(20)
def on_env(env, config, files):
    pages = site_pages(files)
    by_url = {normalize_url(page.url): page for page in pages}
    graph = LinkGraph()
    contexts: dict[tuple[str, str], object] = {}  # (source, target) -> the first link's LinkInText
    for page in pages:
        page.meta["_outbound"] = ()
        if is_generated(page) or is_listing(page):
            continue
        outbound = set()
        for link in links_in_text(page.content):
            resolved = resolve_href(link.href, page.url)
            target = by_url.get(resolved[0]) if resolved else None
            if target is not None and target is not page:
                graph.add_link(page.file.src_uri, target.file.src_uri, resolved[1])
                outbound.add((target.file.src_uri, resolved[1]))
                contexts.setdefault((page.file.src_uri, target.file.src_uri), link)
        page.meta["_outbound"] = tuple(sorted(outbound))
    by_uri = {page.file.src_uri: page for page in pages}
    rank = sort_key(config.extra.get("categories") or [])
    for page in pages:
        page.meta["_inbound"] = graph.inbound(page.file.src_uri)
        referrers = graph.referrers(page.file.src_uri)
        if not referrers or is_generated(page):
            continue
        referrers.sort(key=lambda s: (rank(category_of(s)), s))
        page.content += render_backlinks(
            _entry(by_uri, by_uri[s], page, contexts[(s, page.file.src_uri)]) for s in referrers
        )
        _add_to_toc(page)
        if page.present_anchor_ids is not None:
            page.present_anchor_ids.add(BACKLINKS_ID)  # so a Markdown link to #backlinks validates
    return env


def _entry(by_uri, source, page, link) -> Backlink:
    category = category_of(source.file.src_uri)
    index = by_uri.get(f"{category}/index.md") if category else None
    return Backlink(
        source.title or source.file.src_uri,
        href(source, page),
        (index.title or category) if index is not None else (category or ""),
        sentence_around(link.text, link.start, link.end) if link.end > link.start else None,
    )


def _add_to_toc(page) -> None:
    entry = AnchorLink(BACKLINKS_TITLE, BACKLINKS_ID, 2)
    items = page.toc.items
    if len(items) == 1 and items[0].level == 1:
        items[0].children.append(entry)  # the usual single h1: the block is one of its sections
    else:
        items.append(entry)
