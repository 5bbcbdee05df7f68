"""「最后更新」: the day each page last changed, from git history.

An author's page shows the author date of the last commit that touched its file. All of
them come from one ``git log --name-only`` over docs/ (``last_change_times``): the
git-revision-date-localized plugin we used before ran ``git log --follow`` once per file
in a process pool, about a second of every build and of every `mkdocs serve` rebuild.
A file git does not know yet (new, not committed) shows the day of the build.

Generated pages (术语表、面试题索引、勘误汇总…) have no file in git. Their content changes only
when some page changes, so the date of the repository's last commit is the day they last
changed — and the same for every build of that commit (builds stay reproducible).
"""

from __future__ import annotations

import subprocess
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo


def chinese_date(moment: datetime) -> str:
    """「2026 年 11 月 30 日」: how the site writes a day."""
    return f"{moment.year} 年 {moment.month} 月 {moment.day} 日"


def git_output(cwd: Path, *args: str, timeout: int = 30) -> str | None:
    """What ``git args...`` prints in ``cwd``; None outside a git work tree or without git."""
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=timeout)
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


def head_commit(repo: Path) -> str:
    """The commit checked out in the repository holding ``repo``; empty outside git."""
    return (git_output(repo, "rev-parse", "HEAD") or "").strip()


def last_commit_time(repo: Path) -> int | None:
    """Unix time of the last commit of the repository holding ``repo``, or None outside git."""
    stamp = (git_output(repo, "log", "-1", "--format=%ct") or "").strip()
    return int(stamp) if stamp.isdigit() else None


def last_change_times(docs: Path) -> dict[str, int]:
    """Author time of the last commit touching each file below ``docs``, by path relative to it.

    Empty outside a git work tree (or without git): every page then shows the build day.
    """
    args = ("-c", "core.quotepath=off", "log", "--format=@%at", "--name-only", "--relative", "--", ".")
    return parse_name_log(git_output(docs, *args, timeout=120) or "")


def parse_name_log(text: str) -> dict[str, int]:
    """``git log --format=@%at --name-only`` output -> the newest time per path (the log is newest first)."""
    times: dict[str, int] = {}
    stamp: int | None = None
    for line in text.splitlines():
        if line.startswith("@") and line[1:].isdigit():
            stamp = int(line[1:])
        elif line and stamp is not None:
            times.setdefault(line, stamp)
    return times


def page_date(stamp: int | None, timezone: str, now: datetime) -> str:
    """A page's 「最后更新」: the day of ``stamp`` (a commit's time) in ``timezone``, else (no history) of ``now``."""
    zone = ZoneInfo(timezone)
    moment = datetime.fromtimestamp(stamp, zone) if stamp is not None else now.astimezone(zone)
    return chinese_date(moment)
