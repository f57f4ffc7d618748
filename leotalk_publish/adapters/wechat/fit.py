"""The fit ladder (pure): every rung WeChat's 20,000-character limit may need, and the one expected to fit.

Rungs, richest first: "full theme"; then, in the order ``fit_steps`` allows (channels/wechat.toml, default
all three): "compact theme" (decorations dropped, code in three colours); "references → 阅读原文" (the
reference list replaced by one line pointing to the original, only when ``content_source_url`` is known;
compact too); "N articles" (the issue cut at its top-level headings into at most 8 articles of one draft,
each under the limit, with its own title, digest, cover and references). ``chosen`` is the first rung whose
every article fits the static estimate (image addresses counted as ``image_url_estimate`` characters).

The rungs are rendered in order, each the first time something asks for it (``Rungs``): an issue that fits
in the full theme is rendered once, not once per rung; push asks for the next rung only when WeChat refuses
one, and ``len()`` renders them all.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from functools import partial
from typing import overload

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
    fits = Rungs(ladder(issue, settings))
    chosen = next((i for i, fit in enumerate(fits) if fits_statically(fit)), None)
    return WechatPayload(fits, len(fits) - 1 if chosen is None else chosen, body_images(issue, issue.document))


def fits_statically(fit: Fit) -> bool:
    return all(size < MAX_CHARS for size in fit.sizes) and not any(
        over_limit(article.content) for article in fit.articles)


Rung = Callable[[], list[Fit]]  # renders one step of the ladder: its rung, or none (a split that cannot cut)


def ladder(issue: m.Issue, settings: WechatSettings) -> list[Rung]:
    """The steps, richest first, not yet rendered."""
    look = FULL
    steps: list[Rung] = [partial(one_article, issue, settings, FULL, FULL_THEME)]
    for step in settings.fit_steps:
        if step == "compact":
            look = replace(look, compact=True)
            steps.append(partial(one_article, issue, settings, look, COMPACT_THEME))
        elif step == "references" and a.source_url(issue, settings):
            look = replace(look, compact=True, listed=False)
            steps.append(partial(one_article, issue, settings, look, SOURCE_LINE))
        elif step == "split":
            steps.append(partial(split_fit, issue, settings))
    return steps


def one_article(issue: m.Issue, settings: WechatSettings, look: Look, step: str) -> list[Fit]:
    return [whole(issue, settings, look, step)]


class Rungs(Sequence[Fit]):
    """The ladder's rungs, richest first, each rendered the first time it is asked for and kept.

    Rendering is pure, so a rung rendered later is the rung an eager ladder would have held. Thread-safe:
    the preview renders in the server's threads."""

    def __init__(self, steps: Sequence[Rung]) -> None:
        self._steps = list(steps)
        self._made: list[Fit] = []
        self._lock = threading.Lock()

    def _upto(self, index: int | None) -> None:
        """Render steps until rung ``index`` exists or none is left (every one for None)."""
        with self._lock:
            while self._steps and (index is None or len(self._made) <= index):
                self._made += self._steps.pop(0)()

    @overload
    def __getitem__(self, index: int) -> Fit: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Fit]: ...

    def __getitem__(self, index: int | slice) -> Fit | Sequence[Fit]:
        if isinstance(index, slice) or index < 0:
            self._upto(None)
        else:
            self._upto(index)
        return self._made[index]

    def __len__(self) -> int:
        self._upto(None)
        return len(self._made)

    def __iter__(self) -> Iterator[Fit]:
        index = 0
        while True:
            self._upto(index)
            if index >= len(self._made):
                return
            yield self._made[index]
            index += 1

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]  # like a list: equal by content, not hashable

    def __repr__(self) -> str:
        return f"Rungs({self._made!r}, {len(self._steps)} not rendered)"


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
