"""The WeChat rendition: the fit ladder's payload, and the documents a person diffs (one block per line).

One article: ``content.html`` and ``article.json``. A split issue: ``content-1.html`` … and
``article-1.json`` … (one pair per article of the chosen rung).
"""

from __future__ import annotations

from leotalk_publish import model as m
from leotalk_publish.adapters.wechat import article as a
from leotalk_publish.adapters.wechat.fit import build_payload
from leotalk_publish.adapters.wechat.payload import WechatPayload, WechatRendition
from leotalk_publish.adapters.wechat.readable import one_block_per_line
from leotalk_publish.adapters.wechat.settings import WechatSettings
from leotalk_publish.channel import Rendition


def render_rendition(issue: m.Issue, settings: WechatSettings, channel: str = "wechat") -> WechatRendition:
    payload = build_payload(issue, settings)
    # a later rung's covers are body images or the issue's cover (the full-theme rung's, always rendered)
    sources = [*payload.images, payload.fits[0].articles[0].cover,
               *(article.cover for article in payload.fit.articles)]
    assets = tuple(issue.assets[src] for src in dict.fromkeys(sources) if src in issue.assets)
    return Rendition(channel, issue.issue_id, documents(payload), assets, payload)


def documents(payload: WechatPayload) -> dict[str, str]:
    articles = payload.fit.articles
    if len(articles) == 1:
        return {"content.html": one_block_per_line(articles[0].content), "article.json": a.article_json(
            articles[0].fields)}
    found = {}
    for n, article in enumerate(articles, start=1):
        found[f"content-{n}.html"] = one_block_per_line(article.content)
        found[f"article-{n}.json"] = a.article_json(article.fields)
    return found
