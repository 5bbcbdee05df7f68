"""Hook: diagrams need the site's own Mermaid (issue 12).

on_config        reset
on_page_content  remember the first page with a Mermaid block
on_post_build    if there is one and the built site has no assets/vendor/mermaid.min.js,
                 warn (so `--strict` fails): "Mermaid is missing: run make vendor"

The front end (readable layout, full-size viewer) is web/diagrams/, bundled by hooks/bundle.py.
"""

from __future__ import annotations

from kb.diagrams import MERMAID, MISSING, has_diagram, mermaid_missing
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger(__name__)

_first: list[str] = []


def on_config(config):
    _first.clear()  # serve keeps this module between rebuilds
    return config


def on_page_content(html, page, config, files):
    if not _first and has_diagram(html):
        _first.append(page.file.src_uri)
    return html


def on_post_build(config):
    if _first and mermaid_missing(config.site_dir):
        log.warning(
            f"{MISSING}. {_first[0]} has a diagram and the site has no {MERMAID}, so diagrams would show their source."
        )
