"""Image uploads: only what the account does not hold yet, several at a time, each recorded at once.

Body images go to ``media/uploadimg`` (registry table ``uploads``), covers to ``material/add_material`` (table
``covers``, for the ``thumb_media_id``; it takes GIF and BMP too, so such a cover goes as it is), side by side
in one pool of ``upload_concurrency`` threads (a sync ``httpx.Client`` is thread-safe); their transcodes share
one ``images.Transcoder``, which lets only as many run at once as the cores and its memory budget allow, and
reuses those done before. Each upload is recorded the moment WeChat answers and reported as ``uploaded n/N
images``, so the progress moves and a run stopped halfway uploads only what is left. The first failure cancels
the uploads not yet started: an unreachable API fails the channel once, not per image. """

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait

from leotalk_publish.adapters.wechat.client import WechatClient
from leotalk_publish.adapters.wechat.images import COVER_ACCEPTED, COVER_LIMIT, Transcoder
from leotalk_publish.adapters.wechat.upload_cache import AccountAssets
from leotalk_publish.model import Asset

Report = Callable[[str], None]


def upload_all(client: WechatClient, body: list[Asset], covers: list[Asset], assets: AccountAssets, *,
               limit: int, report: Report) -> tuple[dict[str, str], dict[str, str]]:
    """(mmbiz address by local ``src``, ``thumb_media_id`` by cover ``src``), uploading what is missing."""
    jobs = [(a, "uploads") for a in assets.missing(body)] + [(a, "covers") for a in assets.missing(covers, "covers")]
    if jobs:
        _run(client, jobs, assets, limit, report)
    urls = {a.src: assets.lookup("uploads", a)["url"] for a in body}
    thumbs = {a.src: assets.lookup("covers", a)["media_id"] for a in covers}
    return urls, thumbs


def _run(client: WechatClient, jobs: list[tuple[Asset, str]], assets: AccountAssets, limit: int,
         report: Report) -> None:
    client.token()  # once, before the pool: an unreachable API fails here, in one go
    images = sum(1 for _, table in jobs if table == "uploads")
    covers = f" and {len(jobs) - images} cover(s)" if len(jobs) > images else ""
    report(f"uploading {images} image(s){covers}, up to {limit} at a time")
    done, mutex = [0], threading.Lock()
    transcoder = Transcoder([asset for asset, _ in jobs])  # uploads wait on the network, transcodes on the cores

    def one(asset: Asset, table: str) -> None:
        _upload(client, asset, table, assets, transcoder)
        with mutex:
            done[0] += 1
            report(f"uploaded {done[0]}/{len(jobs)} images")

    with transcoder, ThreadPoolExecutor(max_workers=limit) as pool:
        futures = [pool.submit(one, asset, table) for asset, table in jobs]
        _, pending = wait(futures, return_when=FIRST_EXCEPTION)
        for future in pending:
            future.cancel()
    errors = [error for f in futures if f.done() and not f.cancelled() and (error := f.exception())]
    if errors:
        raise errors[0]


def _upload(client: WechatClient, asset: Asset, table: str, assets: AccountAssets, transcoder: Transcoder) -> None:
    if table == "uploads":
        url = client.upload_image(transcoder.acceptable(asset))
        assets.record("uploads", asset, {"src": asset.src, "url": url})
        return
    media_id, url = client.add_material(transcoder.acceptable(asset, COVER_LIMIT, COVER_ACCEPTED))
    assets.record("covers", asset, {"src": asset.src, "media_id": media_id, "url": url})
