"""What a channel adapter is: the contract between the core and ``adapters/<name>/``.

The core only knows this protocol; it never imports an adapter. ``render`` is pure. ``push`` is where
network, files and clock live, all reached through the ``PushContext`` it is handed.

The contract is typed: ``Adapter[S, P]`` is an adapter whose settings are ``S`` and whose renditions carry a
payload ``P`` (``Rendition[P]``); ``Observer[S, P, F]`` (optional) sees ``Observation[F]``, its own facts, and
``LedgerChecker[S]`` (optional) checks its ledger records. Each adapter declares itself against them with its own
types in a ``TYPE_CHECKING`` block of its ``adapter.py`` (``_adapter: Adapter[BlogSettings, BlogPayload] =
ADAPTER``), so ``mypy --strict`` checks every method of every adapter against the contract
(``tests/core/test_contract_types.py`` shows a drifted signature is an error).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Protocol

from typing_extensions import TypeVar

from leotalk_publish.errors import Problem
from leotalk_publish.model import Asset, Issue

if TYPE_CHECKING:
    from leotalk_publish.ledger import ChannelState

S = TypeVar("S")  # an adapter's settings
P = TypeVar("P", default=None)  # what its rendition carries to its push besides the documents
F = TypeVar("F", default=None)  # what its observe saw, handed to its push
K = TypeVar("K")
S_in = TypeVar("S_in", contravariant=True)  # settings, in a protocol that only takes them


@dataclass(frozen=True)
class Rendition(Generic[P]):
    """A channel's rendering of an issue: texts to diff and snapshot, plus the files it needs.

    ``documents`` refer to images by their local ``src``; push swaps in remote URLs, so a rendition
    and its snapshot stay the same until the issue itself changes. ``payload`` is the adapter's own typed
    record for its push (a frozen dataclass); a channel that needs none leaves it None (``Rendition[None]``).
    """

    channel: str
    issue_id: str
    documents: Mapping[str, str]
    assets: tuple[Asset, ...] = ()
    payload: P = None  # type: ignore[assignment]  # None only for Rendition[None] (P's default)

    @property
    def content_hash(self) -> str:
        digest = hashlib.sha256()
        digest.update(json.dumps(dict(self.documents), sort_keys=True, ensure_ascii=False).encode())
        for asset in sorted(self.assets, key=lambda a: a.src):
            digest.update(f"{asset.src}\0{asset.sha256}\n".encode())
        return digest.hexdigest()


@dataclass(frozen=True)
class Observation(Generic[F]):
    """What the platform holds for this issue now, read (never written) before planning.

    ``seen`` are lines a person reads in ``--dry-run`` and in the push output ("published 2025-09-22 at
    <url>; WeChat cannot change a published article"). ``verdict`` tells the pipeline what to do:
    "push" (carry out the plan), "skip" (nothing to do on this channel, ``reason`` says why; not a failure)
    or "stop" (the channel fails with ``reason``, e.g. an edit made in the platform's editor, and the ways
    on). ``facts`` is the adapter's own record of what it saw (``Observation[F]``), handed back to its
    ``push`` through ``PushContext.observation`` (read it with ``PushContext.facts``) so that it does not
    ask twice.
    """

    seen: tuple[str, ...] = ()
    verdict: str = "push"  # "push" | "skip" | "stop"
    reason: str = ""
    facts: F = None  # type: ignore[assignment]  # None only for Observation[None] (F's default)


NOTHING_OBSERVED: Observation[None] = Observation()


def shown(path: Path, root: Path) -> str:
    """A path as every message names it: relative to the project root when inside it, whatever the working
    directory (an adapter may hand the core absolute paths; the core shows them this way, once)."""
    for base in dict.fromkeys((root.absolute(), root.resolve())):
        for candidate in dict.fromkeys((path.absolute(), path.resolve())):
            if candidate == base:
                return "."
            if candidate.is_relative_to(base):
                return str(candidate.relative_to(base))
    return str(path)


def shown_in(text: str, root: Path) -> str:
    """``text`` with every absolute path inside the project written relative to its root (see ``shown``)."""
    for base in dict.fromkeys((str(root.absolute()), str(root.resolve()))):
        if base.rstrip("/"):
            text = text.replace(base.rstrip("/") + "/", "")
    return text


@dataclass
class PushContext:
    """Everything a push may touch, injected so tests can hand in a fixed clock (the platforms are reached at
    the addresses in the channel's settings: tests point them at loopback fakes)."""

    project: Path
    state: ChannelState
    clock: Callable[[], datetime]
    report: Callable[[str], None]
    export: bool = False
    # {"republish": bool, "overwrite": bool} from the CLI; the one place tests inject a virtual "sleep" and
    # "monotonic" clock for the clients' waits (a client is built from the settings and these, nothing else)
    options: dict[str, Any] = field(default_factory=dict)
    observation: Observation[Any] = NOTHING_OBSERVED  # what ``observe`` saw just before this push

    def facts(self, kind: type[K]) -> K | None:
        """What this adapter's ``observe`` saw, as its own type (None: it observed nothing, e.g. export)."""
        found = self.observation.facts
        return found if isinstance(found, kind) else None

    def shown(self, path: Path) -> str:
        """A path as output and the ledger show it: relative to the project when inside it (the ledger travels
        in git, so it must not hold this machine's absolute paths)."""
        return shown(path, self.project)


@dataclass(frozen=True)
class PushResult:
    mode: str  # "export", "site" (files into a folder that is the destination), "git", "api"
    where: str  # a path, a commit, a URL or a draft id a person can find
    notes: tuple[str, ...] = ()
    remote: Mapping[str, Any] = field(default_factory=dict)
    published: bool = False  # the channel shows it to readers (or will at its date)


class Adapter(Protocol[S, P]):
    """The methods every channel has. Subclass it with the channel's types: ``class BlogAdapter(Adapter[
    BlogSettings, BlogPayload])``, so each method is checked against these signatures."""

    name: str

    def load_settings(self, project: Path, env: Mapping[str, str]) -> S:
        """Read channels/<name>.toml and the environment; raise ``SettingsError`` on bad values."""
        ...

    def check(self, issue: Issue, settings: S) -> list[Problem]:
        """Channel limits: everything that would make a push fail, found before any push."""
        ...

    def render(self, issue: Issue, settings: S) -> Rendition[P]:
        """Pure: the issue as this channel shows it."""
        ...

    def push_mode(self, settings: S, export: bool) -> str:
        """Where a push would go now: "export", "site", "git" or "api" (a change of mode is a change)."""
        ...

    def plan(self, rendition: Rendition[P], state: ChannelState, settings: S, export: bool) -> list[str]:
        """The actions a push would take now (``export``: with ``--export``), in words, for ``--dry-run``."""
        ...

    def push(self, rendition: Rendition[P], settings: S, ctx: PushContext) -> PushResult:
        """Carry out the plan, recording each remote effect in ``ctx.state`` as it happens."""
        ...


class Observer(Protocol[S_in, P, F]):
    """Optional: a channel with a platform to look at before it acts."""

    def observe(self, rendition: Rendition[P], settings: S_in, ctx: PushContext) -> Observation[F]:
        """Read-only: what the platform holds for this issue now (found by its identity, not the ledger
        alone), whether a person changed it since the last push, and any open intent resolved by asking.
        Export mode observes nothing. Runs before ``plan`` in ``--dry-run`` and before every push."""
        ...


class LedgerChecker(Protocol[S_in]):
    """Optional: a channel whose ledger records are checked as input."""

    def check_ledger(self, state: ChannelState, settings: S_in) -> list[str]:
        """The ledger is input: what is wrong with this channel's own records (an id of the wrong
        shape, a path outside the folders the channel owns), each as "key: what is wrong"; checked before any
        write or call, and any problem stops the run (exit 2) naming the file and how to recover."""
        ...


AnyAdapter = Adapter[Any, Any]  # the core's view of a channel: it hands each adapter back its own settings
