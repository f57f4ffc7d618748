"""The article fields of a WeChat draft besides its content (title, author, digest, source link, cover)."""

from __future__ import annotations

import json
from typing import Any

from leotalk_publish import model as m
from leotalk_publish.adapters.wechat.settings import WechatSettings

MAX_TITLE = 32
MAX_AUTHOR = 16
MAX_DIGEST = 128
MAX_SOURCE_URL_BYTES = 1024


def cover_src(issue: m.Issue) -> str:
    """The cover: the front matter's (``wechat.cover`` or ``cover``), else the first image; "" if none."""
    chosen = issue.meta.for_channel("wechat").cover or issue.meta.cover
    if chosen:
        return chosen
    images = m.all_images(issue.document)
    return images[0].src if images else ""


def source_url(issue: m.Issue, settings: WechatSettings) -> str:
    """``content_source_url`` ("阅读原文") from the settings' template, e.g. the blog post's address."""
    date = issue.meta.date
    return settings.content_source_url.format(
        slug=issue.meta.slug or issue.issue_id, issue=issue.issue_id,
        year=f"{date.year:04d}", month=f"{date.month:02d}", day=f"{date.day:02d}")


def article_fields(issue: m.Issue, settings: WechatSettings) -> dict[str, Any]:
    """Every ``draft/add`` article field except ``content`` and ``thumb_media_id`` (known only at push)."""
    override = issue.meta.for_channel("wechat")
    return {
        "title": issue.meta.title_for("wechat"),
        "author": override.author or issue.meta.author or settings.author,
        "digest": issue.meta.summary_for("wechat"),
        "content_source_url": source_url(issue, settings),
        "need_open_comment": int(settings.need_open_comment),
        "only_fans_can_comment": int(settings.only_fans_can_comment),
        "cover": cover_src(issue),
    }


def article_json(fields: dict[str, Any]) -> str:
    return json.dumps(fields, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
