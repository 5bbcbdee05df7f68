"""Where a build's time goes: seconds per plugin/hook event, and the top functions.

    .venv/bin/python bench/profile_build.py [-f mkdocs.yml] [--top 25] [--no-cprofile]

Runs one `mkdocs build` in this process, into a temporary directory (with --rebuild: a
second one, timed, after a first, untimed one — what `mkdocs serve` does after a save:
config reloaded, hook modules kept), with every plugin event timed on its own, then prints
a table of event handlers by total seconds, the sum for the project's hooks, and — unless --no-cprofile — the
functions with the most cumulative and own time under cProfile (a second build,
since the profiler roughly doubles times). Used to choose what to speed up in
issue 16; the figures before and after are in bench/RESULTS.md.

The search index is made in a second process (kb.searchprocess), so its time is not in these
tables: the build only waits for it in hooks/search.py's post_build. The table after them
shows, for the timed build, when the indexing process was busy with each kind of message,
in seconds from the build's start (KB_SEARCH_PROCESS=0 runs it in this process instead).
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs import plugins  # noqa: E402
from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


class EventTimer:
    """Wraps PluginCollection.run_event to add up the seconds each handler takes."""

    def __init__(self) -> None:
        self.seconds: collections.Counter = collections.Counter()
        self._original = plugins.PluginCollection.run_event

    def __enter__(self) -> EventTimer:
        timer = self

        def run_event(collection, name, item=None, **kwargs):
            pass_item = item is not None
            for method in collection.events[name]:
                origin = collection._event_origins.get(method, "<unknown>")
                collection._current_plugin = origin
                start = time.perf_counter()
                result = method(item, **kwargs) if pass_item else method(**kwargs)
                timer.seconds[(origin, name)] += time.perf_counter() - start
                if result is not None:
                    item = result
            collection._current_plugin = None
            return item

        plugins.PluginCollection.run_event = run_event
        return self

    def __exit__(self, *exc) -> None:
        plugins.PluginCollection.run_event = self._original


def one_build(config_file: str, site_dir: str, command: str = "build") -> float:
    """One build; as `mkdocs serve` does, a "serve" build leaves the hooks running (no on_shutdown)."""
    config = load_config(config_file, site_dir=site_dir)
    config.plugins.on_startup(command=command, dirty=False)
    start = time.perf_counter()
    try:
        build(config)
    finally:
        if command != "serve":
            config.plugins.on_shutdown()
    return time.perf_counter() - start


def print_trace(trace: Path, started: float) -> None:
    """The indexing process's messages during the timed build: first start, last end, busy seconds."""
    spans: dict[str, list[float]] = {}
    for line in trace.read_text(encoding="utf-8").splitlines():
        begin, end, method = line.split()
        first, last = float(begin) - started, float(end) - started
        if last < 0:
            continue  # the untimed build before a --rebuild
        span = spans.setdefault(method, [first, last, 0.0, 0])
        span[0], span[1] = min(span[0], first), max(span[1], last)
        span[2] += last - first
        span[3] += 1
    if not spans:
        return
    print("\n| indexing process | from (s) | to (s) | busy (s) | messages |\n|---|---|---|---|---|")
    for method, (first, last, busy, count) in spans.items():
        print(f"| {method} | {first:.2f} | {last:.2f} | {busy:.2f} | {count} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-f", "--config-file", default=str(ROOT / "mkdocs.yml"))
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--no-cprofile", action="store_true")
    parser.add_argument("--rebuild", action="store_true",
                        help="build once untimed first, as `mkdocs serve` does before a save: time the rebuild")
    args = parser.parse_args()
    os.chdir(Path(args.config_file).resolve().parent)
    with tempfile.TemporaryDirectory(prefix="kb-profile-") as tmp, tempfile.TemporaryDirectory() as notes:
        trace = Path(notes) / "indexer-trace.txt"  # not in the site folder, which every build empties
        trace.write_text("", encoding="utf-8")
        os.environ["KB_SEARCH_TRACE"] = str(trace)
        command = "serve" if args.rebuild else "build"
        if args.rebuild:
            one_build(args.config_file, tmp, command)
        started = time.time()
        with EventTimer() as timer:
            wall = one_build(args.config_file, tmp, command)
        print(f"build: {wall:.2f} s (in process, imports excluded)\n")
        print("| seconds | plugin or hook | event |\n|---|---|---|")
        for (origin, name), seconds in timer.seconds.most_common():
            if seconds >= 0.005:
                print(f"| {seconds:.3f} | {origin} | {name} |")
        hooks = sum(s for (origin, _), s in timer.seconds.items() if origin.startswith("hooks/"))
        print(f"\nproject hooks, all events: {hooks:.2f} s of {wall:.2f} s")
        print_trace(trace, started)
        if args.no_cprofile:
            return
        profiler = cProfile.Profile()
        profiler.enable()
        one_build(args.config_file, tmp, command)
        profiler.disable()
        for order in ("cumulative", "tottime"):
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(args.top)
            text = out.getvalue()
            print(f"\ntop {args.top} by {order} (under cProfile):")
            print(text[text.find("   ncalls") :].replace(str(ROOT) + "/", "").rstrip())


if __name__ == "__main__":
    sys.exit(main())
