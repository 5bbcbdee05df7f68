"""Hook: 「最后更新」 under every page, from git history (see hooks/kb/updated.py).

on_config        the time of the last change of every file in docs/ (one `git log`, kept
                 across `mkdocs serve` rebuilds while HEAD does not move) and of the last commit
on_page_context  page.meta["kb_updated"]: the page's date, which overrides/partials/source-file.html
                 shows; generated pages the last commit's date, files git does not know the build day
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from kb.site import is_generated
from kb.updated import head_commit, last_change_times, last_commit_time, page_date
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger(__name__)

META = "kb_updated"  # what overrides/partials/source-file.html shows
TIMEZONE = "Asia/Shanghai"  # the readers' and the authors' day
_state: dict = {}
_history: dict = {}  # (docs dir, HEAD) -> file times: the history changes only with a commit


def on_config(config):
    _state.clear()  # serve keeps this module between rebuilds
    docs = Path(config.docs_dir)
    root = Path(config.config_file_path).resolve().parent
    key = (str(docs), head_commit(root))
    if _history.get("key") != key:
        _history.update(key=key, times=last_change_times(docs) if key[1] else {}, last=last_commit_time(root))
        if not key[1]:
            log.info("no git history: pages show the day of the build as 「最后更新」")
    now = _state["now"] = datetime.now(timezone.utc)
    _state["times"] = _history["times"]
    _state["generated"] = page_date(_history["last"], TIMEZONE, now)
    _state["today"] = page_date(None, TIMEZONE, now)
    return config


def on_page_context(context, page, config, nav):
    if is_generated(page):
        page.meta[META] = _state["generated"]
    else:
        stamp = _state["times"].get(page.file.src_path.replace("\\", "/"))
        page.meta[META] = page_date(stamp, TIMEZONE, _state["now"]) if stamp else _state["today"]
    return context
