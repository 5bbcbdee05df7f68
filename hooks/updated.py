"""Hook: 「最后更新」 on generated pages is the last commit's date (reproducible builds).

on_config        the date of the repository's last commit, in the plugin's time zone
on_page_context  generated pages show it instead of the plugin's build time

See hooks/kb/updated.py for why.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from kb.site import is_generated
from kb.updated import generated_page_date, last_commit_time
from mkdocs.plugins import event_priority

META = "git_revision_date_localized_raw_custom"  # what overrides/partials/source-file.html shows
_state: dict = {}


def on_config(config):
    _state.clear()  # serve keeps this module between rebuilds
    plugin = config.plugins.get("git-revision-date-localized")
    zone = (plugin.config.get("timezone") if plugin else None) or "UTC"
    stamp = last_commit_time(Path(config.config_file_path).resolve().parent)
    _state["date"] = generated_page_date(stamp, zone, datetime.now(timezone.utc))
    return config


# Late (-50): after the plugin has filled page.meta in on_page_markdown, before the theme renders.
@event_priority(-50)
def on_page_context(context, page, config, nav):
    if is_generated(page) and page.meta.get(META):
        page.meta[META] = _state["date"]
    return context
