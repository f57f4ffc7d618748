"""The explicit table of channel adapters. Imported lazily: a command loads only the adapters it uses."""

from __future__ import annotations

import importlib
from typing import Any

from leotalk_publish.channel import Adapter
from leotalk_publish.errors import InputError, NotBuiltError

ADAPTERS: dict[str, str] = {
    "blog": "leotalk_publish.adapters.blog.adapter",
    "substack": "leotalk_publish.adapters.substack.adapter",
    "wechat": "leotalk_publish.adapters.wechat.adapter",
}
ORDER = tuple(ADAPTERS)


def get_adapter(name: str) -> Adapter:
    if name not in ADAPTERS:
        raise InputError(f"unknown channel '{name}'; the channels are: {', '.join(ORDER)}")
    try:
        module = importlib.import_module(ADAPTERS[name])
    except ModuleNotFoundError as exc:
        if exc.name != ADAPTERS[name]:
            raise
        raise NotBuiltError(f"the {name} channel is not built in this version yet; "
                            f"leave it out with --channels") from None
    adapter: Adapter = module.ADAPTER
    return adapter


def overrides_model(name: str) -> Any:
    """The pydantic model the channel's adapter declares for its front matter block (None: the default, also
    for a channel not built in this version: its block is still read, and the run stops later if it is used)."""
    try:
        return getattr(get_adapter(name), "overrides_model", None)
    except NotBuiltError:
        return None


def find_importer(capability: str = "import_post") -> Any:
    """The first adapter (in the table's order) with an importer: the function that turns one of its
    published posts back into a canonical draft; None when no adapter has one."""
    for name in ORDER:
        if found := getattr(get_adapter(name), capability, None):
            return found
    return None


def parse_channels(text: str | None, default: list[str] | None = None) -> list[str]:
    """'blog, wechat' → ['blog', 'wechat'], each known, no repeats, in the order given."""
    names = [n.strip() for n in (text or "").split(",") if n.strip()] or list(default or ORDER)
    unknown = [n for n in names if n not in ADAPTERS]
    if unknown:
        raise InputError(f"unknown channel(s) {', '.join(unknown)}; the channels are: {', '.join(ORDER)}")
    return list(dict.fromkeys(names))
