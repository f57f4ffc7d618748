"""The ledger is input: the WeChat records a ledger may hold, checked before any call trusts them.

A media_id, publish_id or article_id goes into API calls, an address into the output: each must have the
shape WeChat gives them (no path, no query, no control character), the states must be ones this channel
writes, and a published address must be on mp.weixin.qq.com. ``pipeline.check_ledger`` turns what this
returns into one ``LedgerError`` naming the file and how to recover (through the issue's identity).
"""

from __future__ import annotations

import re
from typing import Any

from leotalk_publish.ledger import ChannelState

REMOTE_ID = re.compile(r"[A-Za-z0-9_=-]{1,200}")
HASH = re.compile(r"[0-9a-f]{1,64}")
ARTICLE_URL = re.compile(r"https://mp\.weixin\.qq\.com/[^\s\"'<>]{1,500}")
PUBLICATION_STATES = ("intent", "submitted", "publishing", "published", "failed", "unknown")


def ledger_problems(state: ChannelState) -> list[str]:
    problems = _draft_problems(state.get("draft"), "draft")
    problems += _id_problem(state.get("replaced_draft"), "replaced_draft")
    problems += _publication_problems(state.get("publication"), "publication")
    for i, old in enumerate(state.get("history") or []):
        if not isinstance(old, dict):
            problems.append(f"history[{i}] is not an object")
            continue
        problems += _draft_problems(old.get("draft"), f"history[{i}].draft")
        problems += _publication_problems(old.get("publication"), f"history[{i}].publication")
    return problems


def _draft_problems(draft: Any, where: str) -> list[str]:
    if draft is None:
        return []
    if not isinstance(draft, dict):
        return [f"{where} is not an object"]
    problems = _id_problem(draft.get("media_id"), f"{where}.media_id", required=True)
    for key in ("articles", "sent"):
        values = draft.get(key) or []
        if not isinstance(values, list) or not all(isinstance(v, str) and (not v or HASH.fullmatch(v))
                                                   for v in values):
            problems.append(f"{where}.{key} is not a list of hashes")
    return problems


def _publication_problems(record: Any, where: str) -> list[str]:
    if record is None:
        return []
    if not isinstance(record, dict):
        return [f"{where} is not an object"]
    problems = [] if record.get("status") in PUBLICATION_STATES else [
        f"{where}.status {str(record.get('status'))[:40]!r} is not one of {', '.join(PUBLICATION_STATES)}"]
    for key in ("media_id", "publish_id", "article_id"):
        problems += _id_problem(record.get(key), f"{where}.{key}")
    url = record.get("url")
    if url and not (isinstance(url, str) and ARTICLE_URL.fullmatch(url)):
        problems.append(f"{where}.url is not an article address on mp.weixin.qq.com")
    return problems


def _id_problem(value: Any, where: str, required: bool = False) -> list[str]:
    if value in (None, "") and not required:
        return []
    if isinstance(value, str) and REMOTE_ID.fullmatch(value):
        return []
    return [f"{where} {str(value)[:40]!r} is not a WeChat id (letters, digits, - _ =)"]
