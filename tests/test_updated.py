"""「最后更新」 on generated pages: the last commit's date, so builds of one commit are identical."""

from __future__ import annotations

import subprocess
from datetime import datetime, timezone

import pytest
from conftest import ROOT
from kb.updated import chinese_date, generated_page_date, last_commit_time


@pytest.mark.parametrize(
    ("moment", "text"),
    [
        (datetime(2026, 11, 30), "2026 年 11 月 30 日"),
        (datetime(2027, 1, 5), "2027 年 1 月 5 日"),
    ],
)
def test_chinese_date(moment, text):
    assert chinese_date(moment) == text


def test_the_commit_day_is_taken_in_the_sites_time_zone():
    late_utc = int(datetime(2026, 11, 30, 20, 0, tzinfo=timezone.utc).timestamp())  # 04:00 next day in Shanghai
    now = datetime(2030, 1, 1, tzinfo=timezone.utc)
    assert generated_page_date(late_utc, "Asia/Shanghai", now) == "2026 年 12 月 1 日"
    assert generated_page_date(late_utc, "UTC", now) == "2026 年 11 月 30 日"


def test_outside_git_the_build_day_is_shown(tmp_path):
    assert last_commit_time(tmp_path) is None
    now = datetime(2026, 11, 30, 23, 0, tzinfo=timezone.utc)
    assert generated_page_date(None, "Asia/Shanghai", now) == "2026 年 12 月 1 日"


def test_last_commit_time_is_heads():
    head = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True).stdout
    assert last_commit_time(ROOT) == int(head)


@pytest.mark.slow
def test_generated_pages_show_the_last_commits_date(site_dir):
    expected = generated_page_date(last_commit_time(ROOT), "Asia/Shanghai", datetime.now(timezone.utc))
    for name in ("glossary/index.html", "interview/index.html", "about/errata/index.html"):
        html = (site_dir / name).read_text(encoding="utf-8")
        assert f'<span class="kb-updated__text">最后更新：{expected}</span>' in html, name
