"""「最后更新」 from git history: each page its file's last commit, generated pages the last commit, builds of one commit identical."""

from __future__ import annotations

import subprocess
from datetime import datetime, timezone

import pytest
from conftest import ROOT
from kb.updated import chinese_date, last_change_times, last_commit_time, page_date, parse_name_log


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
    assert page_date(late_utc, "Asia/Shanghai", now) == "2026 年 12 月 1 日"
    assert page_date(late_utc, "UTC", now) == "2026 年 11 月 30 日"


def test_outside_git_the_build_day_is_shown(tmp_path):
    assert last_commit_time(tmp_path) is None
    now = datetime(2026, 11, 30, 23, 0, tzinfo=timezone.utc)
    assert page_date(None, "Asia/Shanghai", now) == "2026 年 12 月 1 日"


def test_last_commit_time_is_heads():
    head = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True).stdout
    assert last_commit_time(ROOT) == int(head)


@pytest.mark.slow
def test_generated_pages_show_the_last_commits_date(site_dir):
    expected = page_date(last_commit_time(ROOT), "Asia/Shanghai", datetime.now(timezone.utc))
    for name in ("glossary/index.html", "interview/index.html", "about/errata/index.html"):
        html = (site_dir / name).read_text(encoding="utf-8")
        assert f'<span class="kb-updated__text">最后更新：{expected}</span>' in html, name


def test_name_log_keeps_each_files_newest_time():
    text = "@300\n\na.md\nsub/b.md\n@200\n\na.md\nc 有空格.md\n@100\n\nsub/b.md\n"
    assert parse_name_log(text) == {"a.md": 300, "sub/b.md": 300, "c 有空格.md": 200}


def test_last_change_times_of_the_real_docs_match_git():
    times = last_change_times(ROOT / "docs")
    assert len(times) > 100
    for rel in ("index.md", "kubernetes/pod.md", "about/synonyms.yml"):
        one = subprocess.run(
            ["git", "log", "-1", "--format=%at", "--", f"docs/{rel}"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        assert times[rel] == int(one), rel


def test_outside_git_there_are_no_file_times(tmp_path):
    assert last_change_times(tmp_path) == {}


@pytest.mark.slow
def test_authors_pages_show_their_files_last_change(site_dir):
    now = datetime.now(timezone.utc)
    times = last_change_times(ROOT / "docs")
    for rel, html_path in (("kubernetes/pod.md", "kubernetes/pod/index.html"), ("index.md", "index.html")):
        expected = page_date(times[rel], "Asia/Shanghai", now)
        html = (site_dir / html_path).read_text(encoding="utf-8")
        assert f'<span class="kb-updated__text">最后更新：{expected}</span>' in html, html_path
