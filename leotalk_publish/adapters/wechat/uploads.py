"""Image uploads, cached in the ledger by content hash and account, several at a time.

Each upload is recorded the moment WeChat answers, so a run stopped halfway uploads only what is left.
Body images go to ``media/uploadimg`` (table ``uploads``), the cover to ``material/add_material``
(table ``covers``, for its ``thumb_media_id``).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from leotalk_publish.adapters.wechat.client import WechatClient
from leotalk_publish.adapters.wechat.images import COVER_LIMIT, acceptable
from leotalk_publish.ledger import ChannelState
from leotalk_publish.model import Asset


def cache_key(account: str, asset: Asset) -> str:
    return f"{account}:{asset.sha256}"


def missing(assets: list[Asset], state: ChannelState, account: str, table: str = "uploads") -> list[Asset]:
    """The assets with no upload recorded for this account, one per distinct content."""
    unique = {a.sha256: a for a in assets}
    return [a for a in unique.values() if state.lookup(table, cache_key(account, a)) is None]


def upload_images(client: WechatClient, assets: list[Asset], state: ChannelState, *, limit: int,
                  report: Callable[[str], None]) -> dict[str, str]:
    """Every body image's mmbiz address by local ``src``; only uncached ones are sent, ``limit`` at a time."""
    todo = missing(assets, state, client.appid)
    if todo:
        report(f"uploading {len(todo)} image(s), {min(limit, len(todo))} at a time")
        with ThreadPoolExecutor(max_workers=limit) as pool:
            failures = [f.exception() for f in [pool.submit(_upload_one, client, a, state) for a in todo]]
        errors = [e for e in failures if e is not None]
        if errors:
            raise errors[0]
    return {a.src: state.lookup("uploads", cache_key(client.appid, a))["url"] for a in assets}


def _upload_one(client: WechatClient, asset: Asset, state: ChannelState) -> None:
    url = client.upload_image(acceptable(asset))
    state.record_in("uploads", cache_key(client.appid, asset), {"src": asset.src, "url": url})


def upload_cover(client: WechatClient, asset: Asset, state: ChannelState) -> str:
    """The cover's permanent ``media_id`` (``thumb_media_id``), uploaded once per content and account."""
    key = cache_key(client.appid, asset)
    known = state.lookup("covers", key)
    if known:
        return known["media_id"]
    media_id, url = client.add_material(acceptable(asset, COVER_LIMIT))
    state.record_in("covers", key, {"src": asset.src, "media_id": media_id, "url": url})
    return media_id
