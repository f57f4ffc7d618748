"""Which draft or published article on the account is this issue's, found without the ledger.

The title is not an identity: two issues may share one, and the writer may change it in the editor. Each
article this channel sends carries the issue's id in a ``data-leotalk`` attribute on its first element.
WeChat keeps ``data-*`` attributes on the article's elements (the editors people paste from, such as mdnice
and 135editor, mark their sections the same way and the marks stay in published articles), a reader never
sees it, and it costs about 30 characters. ``content_source_url`` was the other candidate, but it is the
user's setting (often empty, or the same blog home for every issue) and the writer can change it in the
editor. Drafts are found through ``draft/batchget``, published articles through ``freepublish/batchget``
(48001 on accounts that may not publish: then ``NotAuthorised`` tells the caller it cannot know).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from html import escape
from typing import Any

ATTR = "data-leotalk"
MAX_LISTED = 200  # how many of the newest drafts or articles to look through
CHINA = timezone(timedelta(hours=8))
_FIRST_TAG = re.compile(r"^(\s*<[a-zA-Z][a-zA-Z0-9]*)")


@dataclass(frozen=True)
class Found:
    """A draft (``key`` = media_id) or a published article (``key`` = article_id) that carries the issue."""

    key: str
    news: tuple[dict[str, Any], ...]
    update_time: int

    @property
    def url(self) -> str:
        return str(self.news[0].get("url", "")) if self.news else ""

    @property
    def date(self) -> str:
        """The day of its last change, as the account's readers (China, UTC+8) count days."""
        return datetime.fromtimestamp(self.update_time, UTC).astimezone(CHINA).date().isoformat()


def mark(content: str, identity: str) -> str:
    """The content with ``data-leotalk="<identity>"`` on its first element (a section around it if none)."""
    attr = f' {ATTR}="{escape(identity)}"'
    if _FIRST_TAG.match(content):
        return _FIRST_TAG.sub(lambda m: m.group(1) + attr, content, count=1)
    return f"<section{attr}>{content}</section>"


def carries(content: str, identity: str) -> bool:
    value = escape(identity)
    return f'{ATTR}="{value}"' in content or f"{ATTR}='{value}'" in content


def find(pages: Callable[[int], dict[str, Any]], identity: str, key: str,
         accept: Callable[[Found], bool] = lambda found: True) -> Found | None:
    """The newest listed item whose articles carry ``identity`` (and that ``accept`` takes)."""
    for item in _items(pages):
        news = tuple((item.get("content") or {}).get("news_item") or ())
        if any(carries(str(n.get("content", "")), identity) and not n.get("is_deleted") for n in news):
            found = Found(str(item[key]), news, int(item.get("update_time") or 0))
            if accept(found):
                return found
    return None


def _items(pages: Callable[[int], dict[str, Any]]) -> Iterator[dict[str, Any]]:
    offset = 0
    while offset < MAX_LISTED:
        page = pages(offset)
        items = page.get("item") or []
        yield from items
        offset += len(items)
        if not items or offset >= int(page.get("total_count", 0)):
            return
