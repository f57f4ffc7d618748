"""The fit ladder (pure): every rung WeChat's 20,000-character limit may need, and the one expected to fit.

Rungs, richest first: "full theme"; then, in the order ``fit_steps`` allows (channels/wechat.toml, default
all three): "compact theme" (decorations dropped, code in three colours); "references → 阅读原文" (the
reference list replaced by one line pointing to the original, only when ``content_source_url`` is known;
compact too); "N articles" (the issue cut at its top-level headings into at most 8 articles of one draft,
each under the limit, with its own title, digest, cover and references). ``chosen`` is the first rung whose
every article fits the static estimate (image addresses counted as ``image_url_estimate`` characters).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from leotalk_publish import model as m
from leotalk_publish.adapters.wechat import article as a
from leotalk_publish.adapters.wechat.payload import Fit, WechatArticle, WechatPayload
from leotalk_publish.adapters.wechat.render import FULL, Look, render_article
from leotalk_publish.adapters.wechat.settings import WechatSettings
from leotalk_publish.adapters.wechat.size import MAX_CHARS, estimated, over_limit
from leotalk_publish.adapters.wechat.split import Part, split

FULL_THEME, COMPACT_THEME, SOURCE_LINE = "full theme", "compact theme", "references → 阅读原文"
NOTES = {COMPACT_THEME: "decorative styles dropped, code in three colours",
         SOURCE_LINE: "the reference list replaced by one line pointing to 阅读原文 ({url})"}
DIGEST_CHARS = 100


_LAST: list[tuple[m.Issue, WechatSettings, WechatPayload]] = []  # check and render share one ladder


def build_payload(issue: m.Issue, settings: WechatSettings) -> WechatPayload:
    """Every rung, the first that fits, and the issue's body images.

    Both are immutable, so the last answer is kept for the same two objects (check, then render)."""
    for seen_issue, seen_settings, payload in _LAST:
        if seen_issue is issue and seen_settings is settings:
            return payload
    payload = new_payload(issue, settings)
    _LAST[:] = [(issue, settings, payload)]
    return payload


def new_payload(issue: m.Issue, settings: WechatSettings) -> WechatPayload:
    fits = ladder(issue, settings)
    chosen = next((i for i, fit in enumerate(fits) if fits_statically(fit)), len(fits) - 1)
    return WechatPayload(tuple(fits), chosen, body_images(issue, issue.document))


def fits_statically(fit: Fit) -> bool:
    return all(size < MAX_CHARS for size in fit.sizes) and not any(
        over_limit(article.content) for article in fit.articles)


def ladder(issue: m.Issue, settings: WechatSettings) -> list[Fit]:
    look, fits = FULL, [whole(issue, settings, FULL, FULL_THEME)]
    for step in settings.fit_steps:
        if step == "compact":
            look = replace(look, compact=True)
            fits.append(whole(issue, settings, look, COMPACT_THEME))
        elif step == "references" and a.source_url(issue, settings):
            look = replace(look, compact=True, listed=False)
            fits.append(whole(issue, settings, look, SOURCE_LINE))
        elif step == "split":
            fits += split_fit(issue, settings)
    return fits


def whole(issue: m.Issue, settings: WechatSettings, look: Look, step: str) -> Fit:
    """The whole issue as one article."""
    content = render_article(issue, settings, issue.document.blocks, issue.document.footnotes, look)
    fields = a.article_fields(issue, settings)
    article = WechatArticle(content, fields, body_images(issue, issue.document), fields["cover"])
    note = NOTES.get(step, "").format(url=fields["content_source_url"])
    return Fit(step, (article,), (size_of(content, settings),), note)


def size_of(content: str, settings: WechatSettings) -> int:
    return len(estimated(content, settings.image_url_estimate))


def split_fit(issue: m.Issue, settings: WechatSettings) -> list[Fit]:
    """The multi-article rung with the richest look whose parts all fit; none when no look can."""
    looks = [FULL] + ([replace(FULL, compact=True)] if "compact" in settings.fit_steps else [])
    for look in looks:
        parts = split(issue.document, measurer(issue, settings, look), MAX_CHARS)
        if parts and len(parts) > 1:
            return [parts_fit(issue, settings, parts, look)]
    return []


def measurer(issue: m.Issue, settings: WechatSettings, look: Look) -> Callable[[tuple[m.Block, ...]], int]:
    """Characters of an article of these blocks, each distinct run of blocks rendered once."""
    seen: dict[tuple[int, ...], int] = {}

    def measure(blocks: tuple[m.Block, ...]) -> int:
        key = tuple(id(block) for block in blocks)
        if key not in seen:
            seen[key] = size_of(render_article(issue, settings, blocks, (), look), settings)
        return seen[key]
    return measure


def parts_fit(issue: m.Issue, settings: WechatSettings, parts: list[Part], look: Look) -> Fit:
    articles = tuple(part_article(issue, settings, part, n, len(parts), look) for n, part in enumerate(parts, 1))
    sizes = tuple(size_of(article.content, settings) for article in articles)
    theme = "compact theme" if look.compact else "full theme"
    note = (f"cut at top-level headings into {len(parts)} articles of one draft ({theme}), each with its own "
            "title, digest, cover and references")
    return Fit(f"{len(parts)} articles", articles, sizes, note)


def part_article(issue: m.Issue, settings: WechatSettings, part: Part, n: int, total: int,
                 look: Look) -> WechatArticle:
    content = render_article(issue, settings, part.blocks, part.footnotes, look)
    document = m.Document(part.blocks, part.footnotes)
    images = body_images(issue, document)
    fields = a.article_fields(issue, settings)
    cover = images[0] if images else fields["cover"]
    fields |= {"title": part_title(settings.part_title, fields["title"], part, n, total), "cover": cover}
    if n > 1:
        fields["digest"] = part_digest(part)
    return WechatArticle(content, fields, images, cover)


def part_title(pattern: str, title: str, part: Part, n: int, total: int) -> str:
    """``{title}（{n}/{total}）``, ``{title}（上）`` …; ``{heading}`` is the part's first heading."""
    return pattern.format(title=title, n=n, total=total, heading=first_heading(part))


def first_heading(part: Part) -> str:
    return next((m.plain_text(b.children) for b in part.blocks if isinstance(b, m.Heading)), "")


def part_digest(part: Part) -> str:
    """The part's first heading and first paragraph, cut to ``DIGEST_CHARS``."""
    text = next((m.plain_text(b.children) for b in part.blocks if isinstance(b, m.Paragraph)), "")
    digest = "：".join(t for t in (first_heading(part), " ".join(text.split())) if t)
    return digest if len(digest) <= DIGEST_CHARS else digest[:DIGEST_CHARS - 1] + "…"


def body_images(issue: m.Issue, document: m.Document) -> tuple[str, ...]:
    """The document's image sources that are files of the issue, in reading order, each once."""
    return tuple(src for src in dict.fromkeys(i.src for i in m.all_images(document)) if src in issue.assets)
