"""The title rule of the corrected contract: WeChat's docs say 32 characters, the editor takes 64.

A title past 32 characters is a warning (some places cut it); past 64 it is refused (45003). This replaces
the stricter 32-character error of the shared field check.
"""

from __future__ import annotations

from leotalk_publish import model as m
from leotalk_publish.adapters.wechat.check import _where, front_matter_line
from leotalk_publish.errors import Problem

WARN_TITLE = 32
MAX_TITLE = 64
_SHARED_RULE = "the WeChat title is"


def title_problems(issue: m.Issue) -> list[Problem]:
    title = issue.meta.title_for("wechat")
    if len(title) <= WARN_TITLE:
        return []
    where = _where(issue, front_matter_line(issue, ("title",)))
    fix = "set a shorter one for WeChat alone under 'wechat:' → 'title:'"
    if len(title) > MAX_TITLE:
        return [Problem(where, f"the WeChat title is {len(title)} characters; WeChat refuses more than {MAX_TITLE}",
                        fix)]
    return [Problem(where, f"the WeChat title is {len(title)} characters; past {WARN_TITLE} WeChat's docs say it "
                    "may be cut", fix, severity="warning")]


def with_title_rule(problems: list[Problem], issue: m.Issue) -> list[Problem]:
    """``problems`` without the shared check's title length rule, then this one."""
    return [p for p in problems if not p.what.startswith(_SHARED_RULE)] + title_problems(issue)
