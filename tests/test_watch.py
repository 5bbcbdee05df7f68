"""kb.watch: the native observer reports saves, and not the build reading files (which would rebuild forever)."""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

from kb.watch import ChangeObserver, use_native_observer  # noqa: E402
from mkdocs.livereload import LiveReloadServer  # noqa: E402


class Recorder:
    def __init__(self) -> None:
        self.events: list[str] = []
        self.seen = threading.Event()

    def dispatch(self, event) -> None:
        self.events.append(event.event_type)
        self.seen.set()


def test_reading_is_not_a_change_and_saving_is(tmp_path):
    page = tmp_path / "a.md"
    page.write_text("原文", encoding="utf-8")
    recorder = Recorder()
    observer = ChangeObserver()
    observer.schedule(recorder, str(tmp_path), recursive=True)
    observer.start()
    try:
        time.sleep(0.2)
        for _ in range(5):
            page.read_text(encoding="utf-8")
        assert not recorder.seen.wait(0.5), recorder.events
        page.write_text("改过", encoding="utf-8")
        assert recorder.seen.wait(5)
        assert set(recorder.events) <= {"modified", "closed"}
    finally:
        observer.stop()
        observer.join()


def test_the_servers_watched_paths_move_to_the_native_observer(tmp_path):
    (tmp_path / "docs").mkdir()
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        server.watch(str(tmp_path / "docs"))
        server.watch(str(tmp_path / "docs"))  # twice, as MkDocs does for a path both it and a plugin watch
        assert use_native_observer(server) is None
        assert isinstance(server.observer, ChangeObserver)
        assert server._watched_paths == {str(tmp_path / "docs"): 2}
        server.unwatch(str(tmp_path / "docs"))
        server.unwatch(str(tmp_path / "docs"))  # both calls still undo: MkDocs' own bookkeeping is intact
    finally:
        server.server_close()
