"""The issue as a Substack rendition: ``draft_body.json`` (the document, local image srcs) and
``draft.json`` (title, subtitle, audience, section and what the push will do — never a secret)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from leotalk_publish import model as m
from leotalk_publish.adapters.substack.prosemirror import render_document
from leotalk_publish.adapters.substack.schema import validate
from leotalk_publish.adapters.substack.settings import SubstackSettings
from leotalk_publish.channel import Rendition

CHANNEL = "substack"
BODY = "draft_body.json"
DRAFT = "draft.json"


def pretty(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def trigger_time(issue: m.Issue) -> str:
    """The issue's date in UTC, the form ``scheduled_release`` takes."""
    return issue.date.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def identity(issue: m.Issue) -> str:
    """The issue's identity on Substack: its slug (front matter ``slug``, else the issue id). See observe.py."""
    return issue.meta.slug or issue.issue_id.lower()


def draft_fields(issue: m.Issue, settings: SubstackSettings) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "title": issue.meta.title_for(CHANNEL),
        "slug": identity(issue),
        "subtitle": issue.meta.summary_for(CHANNEL),
        "audience": settings.audience,
        "section": settings.section or None,
        "act": settings.act,
        "send_email": settings.send_email,
        "share_automatically": settings.share_automatically,
    }
    if settings.schedule:
        fields["scheduled_release"] = trigger_time(issue)
    return fields


@dataclass(frozen=True)
class SubstackPayload:
    """What ``render`` hands to ``push``: the ProseMirror body and the draft's fields."""

    doc: dict[str, Any]
    draft: dict[str, Any]


SubstackRendition = Rendition[SubstackPayload]


def body_assets(issue: m.Issue) -> tuple[m.Asset, ...]:
    """The images the body shows, once each, in reading order."""
    seen: dict[str, m.Asset] = {}
    for image in m.all_images(issue.document):
        seen.setdefault(image.src, issue.asset(image))
    return tuple(seen.values())


def render(issue: m.Issue, settings: SubstackSettings) -> SubstackRendition:
    """Pure: the draft as Substack will hold it; the document is schema-checked here."""
    doc = render_document(issue.document, issue.assets, settings.image_size)
    validate(doc)
    fields = draft_fields(issue, settings)
    documents = {BODY: pretty(doc), DRAFT: pretty(fields)}
    payload = SubstackPayload(doc=doc, draft=fields)
    return Rendition(CHANNEL, issue.issue_id, documents, body_assets(issue), payload=payload)
