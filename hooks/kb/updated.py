"""「最后更新」 of generated pages: the date of the last commit, not the time of the build.

Authors' pages get their date from their own git history (the git-revision-date-localized
plugin). Generated pages (术语表、面试题索引、勘误汇总…) have no file in git; the plugin would
give them the build time, so two builds of one commit would differ. Their content changes
only when some page changes, so the date of the repository's last commit is the day they
last changed — and the same for every build of that commit.
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


def generated_page_date(stamp: int | None, timezone: str, now: datetime) -> str:
    """The date shown on generated pages: the last commit's day, else (outside git) today's."""
    zone = ZoneInfo(timezone)
    moment = datetime.fromtimestamp(stamp, zone) if stamp is not None else now.astimezone(zone)
    return chinese_date(moment)
