"""The post's al-folio front matter, written by hand so key order, quoting and style stay stable.

Strings are written as YAML double-quoted scalars (JSON escaping is valid there) unless they are plain
words YAML reads back unchanged; quotes are always straight quotes.
"""

from __future__ import annotations

import json
import re

import yaml

from leotalk_publish.model import Issue, Table, document_blocks

from .settings import BlogSettings

_PLAIN = re.compile(r"[\w\u3000-\u9fff\uff00-\uffef][\w .\u3000-\u9fff\uff00-\uffef-]*")


def scalar(value: str) -> str:
    """A YAML scalar for ``value``: bare when that is unambiguous, else double-quoted."""
    if _PLAIN.fullmatch(value) and not value.endswith(" ") and yaml.safe_load(value) == value:
        return value
    return json.dumps(value, ensure_ascii=False)


def string_list(key: str, values: list[str]) -> list[str]:
    return [f"{key}:", *(f"  - {scalar(v)}" for v in values)] if values else []


def has_table(issue: Issue) -> bool:
    return any(isinstance(block, Table) for block in document_blocks(issue.document))


def front_matter(issue: Issue, settings: BlogSettings) -> str:
    """The ``---`` block that opens the post."""
    meta, override = issue.meta, issue.meta.for_channel("blog")
    lines = [f"layout: {scalar(settings.layout)}", f"title: {json.dumps(meta.title_for('blog'), ensure_ascii=False)}",
             f"date: {issue.date.isoformat()}"]
    if description := meta.summary_for("blog"):
        lines.append(f"description: {json.dumps(description, ensure_ascii=False)}")
    lines += string_list("tags", override.tags or meta.tags)
    lines += string_list("categories", override.categories or meta.categories or settings.categories)
    lines += [f"giscus_comments: {_bool(settings.giscus_comments)}", f"related_posts: {_bool(settings.related_posts)}"]
    if settings.tabs:
        lines.append("tabs: true")
    if has_table(issue):
        lines.append("pretty_table: true")
    if settings.toc_sidebar:
        lines += ["toc:", f"  sidebar: {settings.toc_sidebar}"]
    return "---\n" + "\n".join(lines) + "\n---\n"


def _bool(value: bool) -> str:
    return "true" if value else "false"
