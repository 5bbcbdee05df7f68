"""Hook: `mkdocs serve` notices a save when it happens (kb.watch), instead of on its next half-second poll.

on_serve  move what the server watches onto watchdog's native observer, limited to
          change events; KB_WATCH=poll (or a path the native observer cannot watch)
          keeps MkDocs' polling
"""

from __future__ import annotations

import os

from kb.watch import use_native_observer
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger(__name__)


def on_serve(server, config, builder):
    reason = "KB_WATCH=poll" if os.environ.get("KB_WATCH", "native") == "poll" else use_native_observer(server)
    if reason:
        log.info(f"watching for changes by polling every 0.5 s ({reason})")
    else:
        log.info("watching for changes with file system events")
    return server
