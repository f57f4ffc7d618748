"""What a channel adapter is: the contract between the core and ``adapters/<name>/``.

The core only knows this protocol; it never imports an adapter. ``render`` is pure. ``push`` is where
network, files and clock live, all reached through the ``PushContext`` it is handed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from leotalk_publish.errors import Problem
from leotalk_publish.model import Asset, Issue

if TYPE_CHECKING:
    from leotalk_publish.ledger import ChannelState


@dataclass(frozen=True)
class Rendition:
    """A channel's rendering of an issue: texts to diff and snapshot, plus the files it needs.

    ``documents`` refer to images by their local ``src``; push swaps in remote URLs, so a rendition
    and its snapshot stay the same until the issue itself changes.
    """

    channel: str
    issue_id: str
    documents: Mapping[str, str]
    assets: tuple[Asset, ...] = ()
    payload: Any = None

    @property
    def content_hash(self) -> str:
        digest = hashlib.sha256()
        digest.update(json.dumps(dict(self.documents), sort_keys=True, ensure_ascii=False).encode())
        for asset in sorted(self.assets, key=lambda a: a.src):
            digest.update(f"{asset.src}\0{asset.sha256}\n".encode())
        return digest.hexdigest()


@dataclass(frozen=True)
class Observation:
    """What the platform holds for this issue now, read (never written) before planning.

    ``seen`` are lines a person reads in ``--dry-run`` and in the push output ("published 2025-09-22 at
    <url>; WeChat cannot change a published article"). ``verdict`` tells the pipeline what to do:
    "push" (carry out the plan), "skip" (nothing to do on this channel, ``reason`` says why; not a failure)
    or "stop" (the channel fails with ``reason``, e.g. an edit made in the platform's editor, and the ways
    on). ``facts`` is the adapter's own record of what it saw, handed back to its ``push`` through
    ``PushContext.observation`` so that it does not ask twice.
    """

    seen: tuple[str, ...] = ()
    verdict: str = "push"  # "push" | "skip" | "stop"
    reason: str = ""
    facts: Any = None


NOTHING_OBSERVED = Observation()


@dataclass
class PushContext:
    """Everything a push may touch, injected so tests can hand in a fixed clock (the platforms are reached at
    the addresses in the channel's settings: tests point them at loopback fakes)."""

    project: Path
    state: ChannelState
    clock: Callable[[], datetime]
    report: Callable[[str], None]
    export: bool = False
    options: dict[str, Any] = field(default_factory=dict)  # e.g. {"republish": True, "overwrite": True}
    observation: Observation = NOTHING_OBSERVED  # what ``observe`` saw just before this push

    def shown(self, path: Path) -> str:
        """A path as output and the ledger show it: relative to the project when inside it (the ledger travels
        in git, so it must not hold this machine's absolute paths)."""
        try:
            return str(path.resolve().relative_to(self.project.resolve()))
        except ValueError:
            return str(path)


@dataclass(frozen=True)
class PushResult:
    mode: str  # "export", "git", "api"
    where: str  # a path, a commit, a URL or a draft id a person can find
    notes: tuple[str, ...] = ()
    remote: Mapping[str, Any] = field(default_factory=dict)
    published: bool = False  # the channel shows it to readers (or will at its date)


class Adapter(Protocol):
    name: str

    def load_settings(self, project: Path, env: Mapping[str, str]) -> Any:
        """Read channels/<name>.toml and the environment; raise ``SettingsError`` on bad values."""

    def check(self, issue: Issue, settings: Any) -> list[Problem]:
        """Channel limits: everything that would make a push fail, found before any push."""

    def render(self, issue: Issue, settings: Any) -> Rendition:
        """Pure: the issue as this channel shows it."""

    def push_mode(self, settings: Any, export: bool) -> str:
        """Where a push would go now: "export", "git" or "api" (a change of mode is a change)."""

    def observe(self, rendition: Rendition, settings: Any, ctx: PushContext) -> Observation:
        """Read-only: what the platform holds for this issue now (found by its identity, not the ledger
        alone), whether a person changed it since the last push, and any open intent resolved by asking.
        Export mode observes nothing. Runs before ``plan`` in ``--dry-run`` and before every push."""

    def check_ledger(self, state: ChannelState, settings: Any) -> list[str]:
        """Optional. The ledger is input: what is wrong with this channel's own records (an id of the wrong
        shape, a path outside the folders the channel owns), each as "key: what is wrong"; checked before any
        write or call, and any problem stops the run (exit 2) naming the file and how to recover."""

    def plan(self, rendition: Rendition, state: ChannelState, settings: Any, export: bool) -> list[str]:
        """The actions a push would take now (``export``: with ``--export``), in words, for ``--dry-run``."""

    def push(self, rendition: Rendition, settings: Any, ctx: PushContext) -> PushResult:
        """Carry out the plan, recording each remote effect in ``ctx.state`` as it happens."""
