"""Hook: the reader-facing UI stays Chinese.

on_page_content  warn (so --strict fails) about every admonition or collapsible block
                 without a title: readers would see the English default ("Note").
"""

from __future__ import annotations

from kb.ui import untitled_blocks
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger(__name__)


def on_page_content(html, page, config, files):
    for block in untitled_blocks(html):
        log.warning(block.message(page.file.src_uri))
    return html
