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
    """「2026 年 11 月 30 日」, as the plugin's custom_format writes it."""
    return f"{moment.year} 年 {moment.month} 月 {moment.day} 日"


def last_commit_time(repo: Path) -> int | None:
    """Unix time of the last commit of the repository holding ``repo``, or None outside git."""
    try:
        done = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=repo, capture_output=True, text=True, timeout=30
        )
    except OSError:
        return None
    stamp = done.stdout.strip()
    return int(stamp) if done.returncode == 0 and stamp.isdigit() else None


def last_change_times(docs: Path) -> dict[str, int]:
    """Author time of the last commit touching each file below ``docs``, by path relative to it.

    Empty outside a git work tree (or without git): every page then shows the build day.
    """
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotepath=off", "log", "--format=@%at", "--name-only", "--relative", "--", "."],
            cwd=docs,
            capture_output=True,
            text=True,
            timeout=120,
        )
    except OSError:
        return {}
    if done.returncode != 0:
        return {}
    return parse_name_log(done.stdout)


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


def generated_page_date(stamp: int | None, timezone: str, now: datetime) -> str:
    """The date shown on generated pages: the last commit's day, else (outside git) today's."""
    zone = ZoneInfo(timezone)
    moment = datetime.fromtimestamp(stamp, zone) if stamp is not None else now.astimezone(zone)
    return chinese_date(moment)
