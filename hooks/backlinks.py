"""Hook: backlinks, the pages that link to a page, listed at its end.

on_env  (after hooks/autolinks.py inserted its links) read every author page's
        final links, hand-written or automatic, build the link graph, record each
        page's inbound links in page.meta["_inbound"] (the glossary reads them)
        and append the block <h2 id="backlinks">引用本页的页面</h2> + list, sorted
        by the referring page's path, to every page someone links to. Generated
        pages (glossary, question index) neither count as referrers nor get a block;
        listing pages (home, category indexes, the tag index) do not count as referrers.
"""

from __future__ import annotations

from kb.backlinks import (
    BACKLINKS_ID,
    BACKLINKS_TITLE,
    LinkGraph,
    extract_hrefs,
    normalize_url,
    render_backlinks,
    resolve_href,
)
from kb.frontmatter import toc_ids
from kb.site import href, is_generated, site_pages
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
    for page in pages:
        if is_generated(page) or _is_listing(page):
            continue
        for link in extract_hrefs(page.content):
            resolved = resolve_href(link, page.url)
            target = by_url.get(resolved[0]) if resolved else None
            if target is not None:
                graph.add_link(page.file.src_uri, target.file.src_uri, resolved[1])
    by_uri = {page.file.src_uri: page for page in pages}
    for page in pages:
        page.meta["_inbound"] = graph.inbound(page.file.src_uri)
        referrers = graph.referrers(page.file.src_uri)
        if not referrers or is_generated(page):
            continue
        page.content += render_backlinks((by_uri[s].title or s, href(by_uri[s], page)) for s in referrers)
        _add_to_toc(page)
        if page.present_anchor_ids is not None:
            page.present_anchor_ids.add(BACKLINKS_ID)  # so a Markdown link to #backlinks validates
    return env


def _is_listing(page) -> bool:
    # The home page, category index pages and Material's tag index list pages wholesale; as
    # referrers they would put the navigation into every backlinks block, so only topic pages count.
    uri = page.file.src_uri
    if uri == "index.md" or uri.endswith("/index.md"):
        return True
    # Material's tag index: the tags plugin gives each tag listed there a heading id "tag:<slug>".
    return any(anchor.startswith("tag:") for anchor in toc_ids(page.toc))


def _add_to_toc(page) -> None:
    entry = AnchorLink(BACKLINKS_TITLE, BACKLINKS_ID, 2)
    items = page.toc.items
    if len(items) == 1 and items[0].level == 1:
        items[0].children.append(entry)  # the usual single h1: the block is one of its sections
    else:
        items.append(entry)
