"""One exception tree, translated to a message and an exit code once, at the CLI boundary.

    PublishError                      exit 1 unless a subclass says otherwise
    ├── InputError                    exit 2: the user's input is wrong; nothing was written
    │   ├── DraftError                a draft cannot be read or parsed (carries file:line)
    │   ├── CheckFailed               `check` found problems (carries every Problem at once)
    │   ├── SettingsError             a channels/*.toml or environment setting is wrong
    │   └── LedgerError               a ledger file is corrupt, truncated or of the wrong shape
    ├── LockedError                   exit 4: another run holds the issue's lock
    └── ChannelError                  exit 1: a push failed (the channel's own message)
        ├── TransientError            worth retrying (busy, 5xx, dropped connection)
        └── AuthError                 credentials refused or expired: how to renew them
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


class PublishError(Exception):
    exit_code = 1


class InputError(PublishError):
    exit_code = 2


class DraftError(InputError):
    def __init__(self, message: str, fix: str = ""):
        super().__init__(message)
        self.fix = fix


class SettingsError(InputError):
    """A bad setting; ``problems`` holds one Problem per wrong value (file:line, what, fix) when they are known."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()):
        super().__init__(message)
        self.problems = tuple(problems)


class LedgerError(InputError):
    """A ledger file cannot be trusted: named, with what is wrong and how to recover (move it aside)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an issue, found before anything is pushed."""

    where: str  # "drafts/issue-1/index.md:42", or a settings file
    what: str
    fix: str = ""
    channel: str = ""
    severity: str = "error"  # "error" stops the run; "warning" is printed and the run goes on

    def __str__(self) -> str:
        label = f"[{self.channel}] " if self.channel else ""
        text = f"{self.where}: {label}{self.what}"
        return f"{text} — {self.fix}" if self.fix else text


class CheckFailed(InputError):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class LockedError(PublishError):
    exit_code = 4


class ChannelError(PublishError):
    pass


class TransientError(ChannelError):
    pass


class AuthError(ChannelError):
    pass
