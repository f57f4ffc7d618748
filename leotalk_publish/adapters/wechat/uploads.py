"""Image uploads, cached in the ledger by content hash and account, several at a time.

Body images and the cover go up side by side in one pool of ``upload_concurrency`` threads (a sync
``httpx.Client`` is thread-safe). Each upload is recorded the moment WeChat answers, so a run stopped
halfway uploads only what is left.
Body images go to ``media/uploadimg`` (table ``uploads``), the cover to ``material/add_material``
(table ``covers``, for its ``thumb_media_id``).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from leotalk_publish.adapters.wechat.client import WechatClient
from leotalk_publish.adapters.wechat.images import COVER_LIMIT, acceptable
from leotalk_publish.adapters.wechat.upload_cache import cache_key, missing
from leotalk_publish.ledger import ChannelState
from leotalk_publish.model import Asset


def upload_all(client: WechatClient, assets: list[Asset], cover: Asset, state: ChannelState, *, limit: int,
               report: Callable[[str], None]) -> tuple[dict[str, str], str]:
    """(mmbiz address by local ``src``, the cover's ``thumb_media_id``): only what is not cached is sent,
    body images and cover side by side, ``limit`` at a time."""
    todo = missing(assets, state, client.appid)
    cover_todo = not state.lookup("covers", cache_key(client.appid, cover))
    if todo or cover_todo:
        report(f"uploading {len(todo)} image(s){' and the cover' if cover_todo else ''}, up to {limit} at a time")
        with ThreadPoolExecutor(max_workers=limit) as pool:
            jobs = [pool.submit(_upload_one, client, a, state) for a in todo]
            jobs += [pool.submit(upload_cover, client, cover, state)] if cover_todo else []
            errors = [e for e in (job.exception() for job in jobs) if e is not None]
        if errors:
            raise errors[0]
    urls = {a.src: state.lookup("uploads", cache_key(client.appid, a))["url"] for a in assets}
    return urls, upload_cover(client, cover, state)


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
