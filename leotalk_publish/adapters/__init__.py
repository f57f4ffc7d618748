"""The explicit table of channel adapters. Imported lazily: a command loads only the adapters it uses."""

from __future__ import annotations

import importlib
from typing import Any

from leotalk_publish.channel import AnyAdapter
from leotalk_publish.errors import InputError

ADAPTERS: dict[str, str] = {
    "blog": "leotalk_publish.adapters.blog.adapter",
    "substack": "leotalk_publish.adapters.substack.adapter",
    "wechat": "leotalk_publish.adapters.wechat.adapter",
}
ORDER = tuple(ADAPTERS)


def get_adapter(name: str) -> AnyAdapter:
    """The channel's ``ADAPTER``; a registered module that cannot be imported is a bug, not bad input."""
    if name not in ADAPTERS:
        raise InputError(f"unknown channel '{name}'; the channels are: {', '.join(ORDER)}")
    adapter: AnyAdapter = importlib.import_module(ADAPTERS[name]).ADAPTER
    return adapter


def overrides_model(name: str) -> Any:
    """The pydantic model the channel's adapter declares for its front matter block (None: the default)."""
    return getattr(get_adapter(name), "overrides_model", None)


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
