"""Hook: the offline copy (`make offline`, OFFLINE=true) works from file:// (issue 12).

on_config  when Material's offline plugin is enabled, turn off the theme features that
           fetch pages (instant loading and its prefetch/previews; see kb/offline.py)
"""

from __future__ import annotations

from kb.offline import offline_features


def on_config(config):
    plugin = config.plugins.get("material/offline")
    if plugin is not None and plugin.config.enabled:
        config.theme["features"] = offline_features(list(config.theme["features"]))
    return config
