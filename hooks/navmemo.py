"""Hook: the theme's navigation, rendered once per page directory instead of once per page (issue 16).

on_env  a fresh kb.navmemo.NavMemo for this build, as the template global ``kb_nav``
        that overrides/partials/nav-item.html uses to render a section's children

Items are objects of this build's navigation, so nothing is kept from one build to the
next (``mkdocs serve`` rebuilds the navigation every time).
"""

from __future__ import annotations

from kb.navmemo import NavMemo
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger(__name__)

_memo: dict[str, NavMemo] = {}


def on_env(env, config, files):
    memo = _memo["nav"] = NavMemo()
    env.globals["kb_nav"] = memo
    return env


def on_post_build(config):
    memo = _memo.pop("nav", None)
    if memo is not None:
        log.debug(f"navigation items: {memo.renders} rendered, {memo.hits} reused")
