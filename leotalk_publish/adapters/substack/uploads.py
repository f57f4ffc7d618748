"""Images onto Substack's CDN: each uploaded once (cached by content hash in the ledger, recorded the
moment its upload succeeds), concurrently within the client's rate limit. A failed upload stops the
push naming the image; nothing ever falls back to a local or external URL."""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from leotalk_publish.adapters.substack.prosemirror import COLUMN_WIDTH
from leotalk_publish.errors import AuthError, ChannelError
from leotalk_publish.ledger import ChannelState
from leotalk_publish.model import Asset

if TYPE_CHECKING:  # the client (and httpx) load only when a push runs
    from leotalk_publish.adapters.substack.client import SubstackClient

TABLE = "uploads"


def upload_all(client: SubstackClient, assets: tuple[Asset, ...], state: ChannelState,
               concurrency: int) -> dict[str, dict[str, Any]]:
    """src → upload record for every asset; new uploads run side by side."""
    missing = list({a.sha256: a for a in assets if state.lookup(TABLE, a.sha256) is None}.values())
    if missing:
        from concurrent.futures import ThreadPoolExecutor
        with ThreadPoolExecutor(max_workers=min(concurrency, len(missing))) as pool:
            futures = [pool.submit(upload_one, client, asset, state) for asset in missing]
            errors = [f.exception() for f in futures if f.exception() is not None]
        if errors:
            raise _first(errors)
    return {a.src: state.lookup(TABLE, a.sha256) for a in assets}


def new_uploads(assets: tuple[Asset, ...], state: ChannelState) -> int:
    return len({a.sha256 for a in assets if state.lookup(TABLE, a.sha256) is None})


def upload_one(client: SubstackClient, asset: Asset, state: ChannelState) -> dict[str, Any]:
    try:
        answer = client.upload_image(asset.read_bytes(), asset.mime, asset.src)
        record = _record(answer, asset)
    except AuthError:
        raise
    except (ChannelError, OSError) as exc:
        raise ChannelError(f"image '{asset.src}' could not be uploaded to Substack ({exc}); nothing was "
                           "published — fix the cause and run again (uploaded images are not sent twice)") from None
    state.record_in(TABLE, asset.sha256, record)
    return record


def _record(answer: Any, asset: Asset) -> dict[str, Any]:
    url = answer.get("url") if isinstance(answer, dict) else None
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        from leotalk_publish.adapters.substack.client import UnexpectedAnswer
        raise UnexpectedAnswer("the upload answer has no image URL; Substack's private API may have changed")
    return {"src": asset.src, "url": url, "width": _int(answer, "imageWidth", asset.width),
            "height": _int(answer, "imageHeight", asset.height), "bytes": _int(answer, "bytes", asset.size),
            "type": answer.get("contentType") or asset.mime}


def _int(answer: dict[str, Any], key: str, default: int) -> int:
    value = answer.get(key)
    return value if isinstance(value, int) and value > 0 else default


def _first(errors: list[BaseException]) -> BaseException:
    """An expired cookie explains every other failure: report it first."""
    return next((e for e in errors if isinstance(e, AuthError)), errors[0])


def with_uploads(doc: dict[str, Any], uploads: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """The document with each image's local src replaced by its uploaded URL and true size."""
    out = copy.deepcopy(doc)
    for attrs in _image_attrs(out):
        record = uploads.get(attrs["src"])
        if record is None:
            raise ChannelError(f"image '{attrs['src']}' has no upload; refusing to send a local path to Substack")
        attrs.update(src=record["url"], width=record["width"], height=record["height"], bytes=record["bytes"],
                     type=record["type"], resizeWidth=min(record["width"], COLUMN_WIDTH[attrs["imageSize"]]))
    return out


def _image_attrs(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    if node.get("type") == "image2":
        yield node["attrs"]
    for child in node.get("content", []):
        yield from _image_attrs(child)
