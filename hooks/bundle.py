"""Hook: bundle each web/<name>/main.js into assets/javascripts/<name>.js (one classic script).

Stand-in for the coordinator's bundler (same output path); see hooks/kb/bundle.py.
"""

from __future__ import annotations

from pathlib import Path

from kb.bundle import BundleError, bundle
from mkdocs.exceptions import PluginError

WEB = Path(__file__).resolve().parent.parent / "web"


def on_post_build(config):
    for entry in sorted(WEB.glob("*/main.js")):
        try:
            script = bundle(entry)
        except BundleError as exc:
            raise PluginError(f"bundle {entry.parent.name}: {exc}") from None
        out = Path(config.site_dir) / "assets" / "javascripts" / f"{entry.parent.name}.js"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(script, encoding="utf-8")


def on_serve(server, config, builder):
    server.watch(str(WEB))
    return server
