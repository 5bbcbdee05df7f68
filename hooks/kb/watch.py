"""Noticing a saved file under `mkdocs serve` when it is saved, not up to half a second later.

MkDocs 1.6 watches the docs, the config and the theme with watchdog's *polling* observer,
which looks at every file every 0.5 s: a save waits 0.25 s on average (up to 0.5 s) before
the rebuild starts, and a site ten times larger is walked twice a second. ``ChangeObserver``
is watchdog's native observer (inotify on Linux, FSEvents on macOS, ...) restricted to the
events that mean a file changed: with every event, MkDocs' handler would rebuild again each
time the build *reads* a page (inotify reports opening and closing for reading too), forever.

``use_native_observer`` moves what the server watches onto it, through the server's public
``watch``/``unwatch``; where the native observer cannot watch a path (some network or
mounted Windows file systems give no change events) the polling observer stays.
"""

from __future__ import annotations

from typing import Any

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
)
from watchdog.observers import Observer

# What a save, a new file, a deletion or a rename produce (editors that save by renaming a
# temporary file give "created" or "moved"); not opened, closed-without-writing or attributes.
CHANGES = [FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent, FileClosedEvent,
           DirCreatedEvent, DirDeletedEvent, DirMovedEvent]


class ChangeObserver(Observer):
    def schedule(self, event_handler, path, *, recursive=False, event_filter=None, follow_symlink=False):
        return super().schedule(event_handler, path, recursive=recursive, event_filter=event_filter or CHANGES,
                                follow_symlink=follow_symlink)


def use_native_observer(server: Any) -> str | None:
    """Put the server's watched paths on a ``ChangeObserver`` before it starts; the reason if it stays polling."""
    paths = dict(getattr(server, "_watched_paths", None) or {})  # path -> how many watch() calls
    if not paths or not hasattr(server, "observer"):
        return "this MkDocs server does not say what it watches"
    reason = _cannot_watch(list(paths))
    if reason:
        return reason
    for path, count in paths.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = ChangeObserver()
    for path, count in paths.items():
        for _ in range(count):
            server.watch(path)
    return None


def _cannot_watch(paths: list[str]) -> str | None:
    """Start and stop a native observer on the paths: why it fails (no change events, too many watches), if it does."""
    trial = ChangeObserver()
    try:
        for path in paths:
            trial.schedule(_Ignore(), path, recursive=True)
        trial.start()
    except OSError as exc:
        return f"the native file observer cannot watch {', '.join(paths)}: {exc}"
    finally:
        trial.stop()
        if trial.is_alive():
            trial.join()
    return None


class _Ignore:
    def dispatch(self, event: Any) -> None:
        pass
