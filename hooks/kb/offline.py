"""What the offline copy (Material's offline plugin, opened from file://) must not use.

Scripts from other hosts (see local_scripts) and:

Material's documentation for offline builds: features that fetch pages or data break
from the file system, so instant loading (and its prefetch and previews, which fetch the
target page) must be off there; with it on, every page after the first is fetched with
XHR, which file:// refuses, and scripts that run once per page (diagrams, copy buttons,
tooltips) never run.
"""

from __future__ import annotations

FETCHING_FEATURES = (
    "navigation.instant",
    "navigation.instant.prefetch",
    "navigation.instant.preview",
    "navigation.instant.progress",
)


def offline_features(features: list[str]) -> list[str]:
    """The theme features for an offline build: `features` without the ones that fetch."""
    return [f for f in features if f not in FETCHING_FEATURES]


def local_scripts(urls: list[str]) -> list[str]:
    """`urls` without scripts from other hosts.

    Material's offline plugin adds unpkg's iframe-worker shim to `extra.polyfills` so that
    its search worker runs from file://; our search runs on the page there instead
    (overrides/main.html), and an offline copy must not reach out to the network.
    """
    return [u for u in urls if not u.lstrip().lower().startswith(("http://", "https://", "//"))]
