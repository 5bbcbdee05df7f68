"""The search indexer (``kb.searchindexer``) in a second process, beside the build.

MkDocs builds on one core. Indexing for search — loading jieba's dictionary, Material's
parse and segmentation of every page, the shards — is about 2.5 s of the real site's
build that needs nothing back from the build until its very end. ``IndexerProcess`` runs
it in a child process (``python -m kb.searchprocess``) fed through a pipe, so it takes
the machine's second core while the build converts Markdown and renders templates; the
build waits only for what is left at ``finish``.

Protocol: the parent writes pickled ``(method, args, wants_reply)`` to the child's stdin;
the child answers a call that wants a reply with a pickled ``("ok", result)`` or
``("error", message)`` on its stdout. A message that wants no reply (a page) and fails
makes the next reply an error, so nothing fails silently. The parent writes from a
thread: a page never waits for the child to read the one before.

``KB_SEARCH_PROCESS=0`` in the environment runs the same indexer in the build's process;
``KB_SEARCH_TRACE=<file>`` makes the child append when each message started and ended there
(``bench/profile_build.py`` prints it: where the second core's time goes).
"""

from __future__ import annotations

import gc
import os
import pickle
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

HOOKS = Path(__file__).resolve().parent.parent


class IndexerStopped(RuntimeError):
    """The indexing process is gone, or said that something failed."""


class IndexerProcess:
    """A ``SearchIndexer`` in a child process; the same methods, all but ``finish`` without waiting."""

    def __init__(self) -> None:
        self._child: subprocess.Popen | None = None
        self._outbox: queue.Queue[bytes | None] = queue.Queue()
        self._writer: threading.Thread | None = None
        self._write_error: BaseException | None = None

    def start(self) -> None:
        if self._child is not None and self._child.poll() is None and self._write_error is None:
            return
        self.close()
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(HOOKS), os.environ.get("PYTHONPATH")]))}
        try:
            self._child = subprocess.Popen(
                [sys.executable, "-m", "kb.searchprocess"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env
            )
        except OSError as exc:
            raise IndexerStopped(f"cannot start the search indexing process ({sys.executable}): {exc}") from None
        self._outbox = queue.Queue()
        self._write_error = None
        self._writer = threading.Thread(target=self._write_loop, args=(self._child, self._outbox), daemon=True)
        self._writer.start()

    def _write_loop(self, child: subprocess.Popen, outbox: queue.Queue) -> None:
        try:
            while (data := outbox.get()) is not None:
                child.stdin.write(data)
                child.stdin.flush()
        except (BrokenPipeError, OSError, ValueError) as exc:
            self._write_error = exc

    def send(self, method: str, *args: Any) -> None:
        self._outbox.put(pickle.dumps((method, args, False), protocol=pickle.HIGHEST_PROTOCOL))

    def call(self, method: str, *args: Any) -> Any:
        self._outbox.put(pickle.dumps((method, args, True), protocol=pickle.HIGHEST_PROTOCOL))
        try:
            status, value = pickle.load(self._child.stdout)
        except (EOFError, pickle.UnpicklingError, OSError) as exc:
            code = self._child.poll()
            raise IndexerStopped(f"the search indexing process stopped (exit code {code}): {exc}") from None
        if status != "ok":
            raise IndexerStopped(value)
        return value

    def begin(self, settings: dict[str, Any], serving: bool) -> None:
        self.start()
        self.send("begin", settings, serving)

    def words(self, words: list[str], rewrite: Any = None) -> None:
        self.send("words", words, rewrite)

    def guess_words(self, paths: list[str]) -> None:
        self.send("guess_words", paths)

    def segment_ahead(self, page: Any) -> None:
        self.send("segment_ahead", page)

    def prepare(self, pages: list[Any], last: bool = True) -> None:
        self.send("prepare", pages, last)

    def update(self, page: Any) -> None:
        self.send("update", page)

    def settle(self, order: list[str]) -> None:
        self.send("settle", order)

    def same(self, url: str) -> None:
        self.send("same", url)

    def page(self, page: Any) -> None:
        self.send("page", page)

    def finish(self, config: dict[str, Any], folder: str, scripts: bool = True) -> tuple[str, list[str]]:
        return self.call("finish", config, folder, scripts)

    def close(self) -> None:
        child, self._child = self._child, None
        if child is None:
            return
        self._outbox.put(None)
        if self._writer is not None:
            self._writer.join(timeout=5)
        try:
            child.stdin.close()
        except OSError:
            pass
        try:
            child.wait(timeout=5)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        child.stdout.close()


def serve(stdin: Any, stdout: Any) -> None:
    """The child's loop: run each message on one SearchIndexer until the parent closes the pipe."""
    from kb.searchindexer import SearchIndexer

    trace_path = os.environ.get("KB_SEARCH_TRACE")
    trace = open(trace_path, "a", encoding="utf-8") if trace_path else None  # noqa: SIM115 - open for the loop's life
    started = time.time()
    indexer = SearchIndexer()
    indexer.preload()
    # jieba's dictionary is some 350,000 objects that live as long as the process: out of the
    # collector's way, or every full collection walks them all again.
    gc.freeze()
    if trace:
        trace.write(f"{started:.4f} {time.time():.4f} preload\n")
    failure: str | None = None
    while True:
        try:
            method, args, wants_reply = pickle.load(stdin)
        except EOFError:
            return
        started = time.time()
        if method == "begin":
            failure = None
        result = None
        try:
            if failure is None:  # after a failure, nothing runs until the parent hears of it
                result = getattr(indexer, method)(*args)
        except Exception as exc:  # reported to the parent, which names it in the build's error
            failure = f"{type(exc).__name__}: {exc}"
        if trace:
            trace.write(f"{started:.4f} {time.time():.4f} {method}\n")
            trace.flush()
        if wants_reply:
            pickle.dump(("error", failure) if failure else ("ok", result), stdout, protocol=pickle.HIGHEST_PROTOCOL)
            stdout.flush()
            failure = None


def main() -> None:
    replies = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not end up inside a reply
    try:
        serve(sys.stdin.buffer, replies)
    except ImportError as exc:  # the build names the process's exit; this says why
        print(f"search indexing process: {exc} (run `make` to install the dependencies)", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
