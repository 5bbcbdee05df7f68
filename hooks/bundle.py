"""Hook: front-end bundles, one classic script per folder of ES modules in web/.

on_config  reset; remember each bundle's version (a hash of its output) in
           config.extra.kb_bundles for cache-busting URLs in templates
on_files   add assets/javascripts/<name>.js for every web/<name>/main.js
on_serve   watch web/ so that `mkdocs serve` rebuilds when a module changes

Why a bundle and not module scripts: see hooks/kb/bundle.py.
"""

from __future__ import annotations

from pathlib import Path

from kb.bundle import BundleError, bundle, bundle_names, digest
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File

log = get_plugin_logger(__name__)

# The modules live beside hooks/, not under docs/: they are sources, not pages or assets.
WEB = Path(__file__).resolve().parent.parent / "web"
OUTPUT = "assets/javascripts/{name}.js"

_bundles: dict[str, str] = {}


def on_config(config):
    _bundles.clear()  # serve keeps this module between rebuilds
    for name in bundle_names(WEB):
        try:
            _bundles[name] = bundle(WEB, name)
        except BundleError as exc:
            raise PluginError(f"front-end modules in web/: {exc}") from None
    config.extra["kb_bundles"] = {name: digest(text) for name, text in _bundles.items()}
    return config


def on_files(files, config):
    for name, text in _bundles.items():
        uri = OUTPUT.format(name=name)
        existing = files.get_file_from_path(uri)
        if existing is not None:
            files.remove(existing)  # a stale copy under overrides/ must not shadow the bundle
        files.append(File.generated(config, uri, content=text))
    return files


def on_serve(server, config, builder):
    if WEB.is_dir():
        server.watch(str(WEB))
    return server
