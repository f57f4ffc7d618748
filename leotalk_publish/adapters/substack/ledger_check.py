"""The Substack channel's records in the ledger are input: each id, URL, intent and view of the right shape,
checked before any write or call (``SubstackAdapter.check_ledger``). A ledger edited by hand, or carried
through a pull request, cannot make the push act on another post or send an image from somewhere else."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from leotalk_publish.ledger import ChannelState

CDN_PREFIXES = ("https://",)
INTENT_ACTS = ("publish", "schedule")


def _positive_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _text(value: Any) -> bool:
    return isinstance(value, str) and len(value) < 400


def _bool(value: Any) -> bool:
    return isinstance(value, bool)


def _lines(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(line, str) for line in value)


FIELDS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "draft_id": (_positive_int, "a draft id (a positive integer)"),
    "user_id": (_positive_int, "a user id (a positive integer)"),
    "published_once": (_bool, "true or false"),
    "emailed": (_bool, "true or false"),
    "scheduled_for": (_text, "a time"),
    "create_pending": (_text, "the slug of a create under way"),
    "sending_view": (_text, "a sha256"),
    "sent_view": (_lines, "a list of lines (what a reader saw last)"),
}


def ledger_problems(state: ChannelState) -> list[str]:
    """Every record of the wrong shape, as "key: what is wrong"."""
    problems = [f"{key}: {state.get(key)!r:.60} is not {what}" for key, (ok, what) in FIELDS.items()
                if state.get(key) is not None and not ok(state.get(key))]
    problems += list(_intent_problems(state.get("intent")))
    problems += list(_table_problems(state.get("uploads"), "uploads", _upload_ok))
    problems += list(_table_problems(state.get("sections"), "sections", _positive_int))
    return problems


def _intent_problems(intent: Any) -> Iterator[str]:
    if intent is None:
        return
    if not isinstance(intent, dict) or intent.get("act") not in INTENT_ACTS:
        yield f"intent: {intent!r:.60} is not an open publish or schedule"
    elif not _positive_int(intent.get("draft_id")) or not _bool(intent.get("send", False)):
        yield "intent: its draft_id is not a draft id, or its send is not true/false"


def _upload_ok(record: Any) -> bool:
    return (isinstance(record, dict) and isinstance(record.get("url"), str)
            and record["url"].startswith(CDN_PREFIXES) and all(_positive_int(record.get(k))
                                                                for k in ("width", "height", "bytes")))


def _table_problems(table: Any, name: str, ok: Callable[[Any], bool]) -> Iterator[str]:
    if table is None:
        return
    if not isinstance(table, dict):
        yield f"{name}: is not an object"
        return
    for key, value in table.items():
        if not ok(value):
            yield f"{name}.{key}: {value!r:.60} is not a valid record"
