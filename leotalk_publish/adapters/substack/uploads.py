"""Images onto Substack's CDN: each uploaded once per account, whichever issue uses it — looked up in and
recorded to the account's ``AssetRegistry`` (``ledger/assets/substack/<publication>.json``, keyed by content
hash, recorded the moment each upload succeeds; the per-issue ``uploads`` table of older ledgers is still
read) — concurrently within the client's rate limit, each one reported (``uploaded n/N images``). A failed
upload stops the push naming the image; nothing ever falls back to a local or external URL."""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from leotalk_publish.adapters.substack.prosemirror import COLUMN_WIDTH
from leotalk_publish.channel import PushContext
from leotalk_publish.errors import AuthError, ChannelError
from leotalk_publish.ledger import AssetRegistry, ChannelState
from leotalk_publish.model import Asset
from leotalk_publish.project import Project

if TYPE_CHECKING:  # the client (and httpx) load only when a push runs
    from leotalk_publish.adapters.substack.client import SubstackClient
    from leotalk_publish.adapters.substack.settings import SubstackSettings

TABLE = "uploads"


def registry(ctx: PushContext, settings: SubstackSettings) -> AssetRegistry:
    return registry_at(Project(ctx.project).ledger, settings)


def registry_at(ledger_root: Any, settings: SubstackSettings) -> AssetRegistry:
    """The account's registry: one per publication (its subdomain, or its host)."""
    return AssetRegistry(ledger_root, "substack", settings.publication or settings.publication_host)


def known(asset: Asset, state: ChannelState, assets: AssetRegistry) -> dict[str, Any] | None:
    """This image's upload to the account, from any issue (or from this issue's older per-issue table)."""
    found: dict[str, Any] | None = assets.lookup(TABLE, asset.sha256) or state.lookup(TABLE, asset.sha256)
    return found


def upload_all(client: SubstackClient, assets: tuple[Asset, ...], state: ChannelState, concurrency: int,
               account: AssetRegistry, report: Callable[[str], None] = lambda line: None,
               ) -> dict[str, dict[str, Any]]:
    """src → upload record for every asset; new uploads run side by side, each one reported."""
    missing = list({a.sha256: a for a in assets if known(a, state, account) is None}.values())
    if missing:
        from concurrent.futures import ThreadPoolExecutor
        done = _Counter(len(missing), report)
        with ThreadPoolExecutor(max_workers=min(concurrency, len(missing))) as pool:
            futures = [pool.submit(upload_one, client, asset, account, done) for asset in missing]
            errors = [error for f in futures if (error := f.exception()) is not None]
        if errors:
            raise _first(errors)
    return {a.src: _uploaded(a, state, account) for a in assets}


def _uploaded(asset: Asset, state: ChannelState, account: AssetRegistry) -> dict[str, Any]:
    """The upload record of an image ``upload_all`` has just made sure of."""
    record = known(asset, state, account)
    if record is None:
        raise ChannelError(f"image '{asset.src}' has no upload recorded after uploading it; run the command again")
    return record


def new_uploads(assets: tuple[Asset, ...], state: ChannelState, account: AssetRegistry) -> int:
    return len({a.sha256 for a in assets if known(a, state, account) is None})


class _Counter:
    """``uploaded n/N images`` after each upload, so the live progress moves."""

    def __init__(self, total: int, report: Callable[[str], None]):
        self.total, self.report, self.n = total, report, 0
        self.lock = threading.Lock()

    def tick(self) -> None:
        with self.lock:
            self.n += 1
            self.report(f"uploaded {self.n}/{self.total} images")


def upload_one(client: SubstackClient, asset: Asset, account: AssetRegistry, done: _Counter) -> dict[str, Any]:
    try:
        answer = client.upload_image(asset.read_bytes(), asset.mime, asset.src)
        record = _record(answer, asset)
    except AuthError:
        raise
    except ChannelError as exc:
        if type(exc).__name__ in ("RateLimited", "BlockedByCloudflare", "Misdirected"):
            raise  # not this image's fault: the message says what to do
        raise _failed(asset, exc) from None
    except OSError as exc:
        raise _failed(asset, exc) from None
    account.record(TABLE, asset.sha256, record)
    done.tick()
    return record


def _failed(asset: Asset, exc: Exception) -> ChannelError:
    return ChannelError(f"image '{asset.src}' could not be uploaded to Substack ({exc}); nothing was "
                        "published — fix the cause and run again (uploaded images are not sent twice)")


def _record(answer: Any, asset: Asset) -> dict[str, Any]:
    url = answer.get("url") if isinstance(answer, dict) else None
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        from leotalk_publish.adapters.substack.errors import UnexpectedAnswer
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
