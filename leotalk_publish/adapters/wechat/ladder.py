"""Which rung of the fit ladder to send, and what the account taught us about WeChat's size limit.

Render builds every rung (``payload.fits``, richest first) and names the one it expects to fit. WeChat's
own answer wins: a 45002 on ``draft/add`` or ``draft/update`` makes the push step down one rung and try
again. The sizes refused and accepted are kept per account in the asset registry (table ``sizes``), so the
next plan and push — of any issue — start at the first rung whose articles are all under the smallest size
WeChat refused.
"""

from __future__ import annotations

from itertools import islice
from typing import Any

from leotalk_publish.adapters.wechat import identity as ident
from leotalk_publish.adapters.wechat.payload import Fit, WechatPayload
from leotalk_publish.adapters.wechat.size import MAX_CHARS, estimated, with_image_urls
from leotalk_publish.ledger import AssetRegistry

SIZES = "sizes"


class Learned:
    """The content sizes (characters, markup included) this account refused and accepted.

    ``refused`` is the smallest article WeChat refused, as sent; ``refused_estimate`` the same article as
    check and the plan estimate it (image addresses at ``image_url_estimate``), so that a plan made before
    any upload compares like with like.
    """

    def __init__(self, registry: AssetRegistry):
        self.registry = registry
        known = registry.lookup(SIZES, "content") or {}
        self.refused: int = int(known.get("refused") or MAX_CHARS)
        self.refused_estimate: int = int(known.get("refused_estimate") or MAX_CHARS)
        self.accepted: int = int(known.get("accepted") or 0)

    def fits(self, sizes: list[int]) -> bool:
        return max(sizes, default=0) < self.refused

    def fits_estimate(self, sizes: list[int]) -> bool:
        return max(sizes, default=0) < self.refused_estimate

    def refuse(self, size: int, estimate: int) -> None:
        self.refused, self.refused_estimate = min(self.refused, size), min(self.refused_estimate, estimate)
        self._save()

    def accept(self, size: int) -> None:
        if size > self.accepted:
            self.accepted = size
            self._save()

    def _save(self) -> None:
        self.registry.record(SIZES, "content", {"refused": self.refused, "refused_estimate": self.refused_estimate,
                                                "accepted": self.accepted})


def estimated_sizes(fit: Fit, url_chars: int) -> list[int]:
    """Each article's characters with image addresses at the estimate (render's figure when it gave one)."""
    if fit.sizes:
        return list(fit.sizes)
    return [len(estimated(a.content, url_chars)) for a in fit.articles]


def start_rung(payload: WechatPayload, learned: Learned, url_chars: int) -> int:
    """The first rung from ``chosen`` on whose articles are all under what this account refused."""
    index = payload.chosen
    for index, fit in islice(enumerate(payload.fits), payload.chosen, None):  # later rungs only as needed
        if learned.fits_estimate(estimated_sizes(fit, url_chars)):
            return index
    return index


def articles_of(fit: Fit, urls: dict[str, str], thumbs: dict[str, str], key: str) -> list[dict[str, Any]]:
    """The rung's ``draft/add`` articles: mmbiz addresses swapped in, the issue's mark, each cover's id."""
    made = []
    for article in fit.articles:
        fields = {k: v for k, v in article.fields.items() if k != "cover"}
        content = ident.mark(with_image_urls(article.content, urls), key)
        made.append({**fields, "content": content, "thumb_media_id": thumbs.get(article.cover, "")})
    return made


def describe(fit: Fit, sizes: list[int]) -> str:
    """"full theme, 1 article of 15,230 characters" — the step named for a person."""
    shown = ", ".join(f"{s:,}" for s in sizes)
    noun = "article" if len(sizes) == 1 else "articles"
    text = f"{fit.step}, {len(sizes)} {noun} of {shown} characters"
    return f"{text} ({fit.note})" if fit.note else text
