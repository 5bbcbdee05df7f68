"""Hook: the offline copy (`make offline`, OFFLINE=true) works from file:// (issue 12).

on_config  when Material's offline plugin is enabled, turn off the theme features that
           fetch pages (instant loading and its prefetch/previews; see kb/offline.py) and
           drop the iframe-worker shim it adds from unpkg (search runs on the page there)
"""

from __future__ import annotations

from kb.offline import local_scripts, offline_features


def on_config(config):
    plugin = config.plugins.get("material/offline")
    if plugin is not None and plugin.config.enabled:
        config.theme["features"] = offline_features(list(config.theme["features"]))
        # Hooks run after plugins at the same priority, so the plugin has added its shim by now.
        config.extra["polyfills"] = local_scripts(list(config.extra.get("polyfills", [])))
    return config
