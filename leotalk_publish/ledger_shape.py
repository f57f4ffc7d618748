"""The ledger is input: what shape a ledger file must have before anything trusts it.

The ledger travels through pull requests and CI, so a value in it is checked as strictly as a line of a
draft: the version, the issue it belongs to, each channel's core fields (mode, content hash, snapshot
names, times) and, through ``Adapter.check_ledger``, each channel's own ids and paths. A file that fails
is a ``LedgerError`` (exit 2) naming the file and how to recover, raised before any write or call.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from leotalk_publish.errors import LedgerError

LEDGER_VERSION = 1
MODES = ("export", "site", "git", "api")
HEX64 = re.compile(r"[0-9a-f]{64}")
CHANNEL_NAME = re.compile(r"[a-z][a-z0-9_-]{0,39}")
# a snapshot is a plain file name in the channel's own snapshot folder: no separator, no leading dot
FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,199}")
TOP_KEYS = ("version", "issue", "channels", "seq")  # seq: the last journal entry the file holds


def recovery(path: Path) -> str:
    """How to get going again without this file (the platforms hold the truth, the ledger only remembers)."""
    return (f"move it aside (mv {path} {path}.broken) and run again: the next run finds the issue's posts "
            "again on the platforms")


def ledger_error(path: Path, problems: list[str]) -> LedgerError:
    listed = "; ".join(problems[:5]) + (f"; and {len(problems) - 5} more" if len(problems) > 5 else "")
    return LedgerError(f"{path}: the ledger cannot be trusted: {listed}. To recover, {recovery(path)}")


def parse_json_file(path: Path) -> Any:
    """The file's JSON; empty, truncated, unreadable or non-UTF-8 files are a ``LedgerError``."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ledger_error(path, [f"it cannot be read ({exc.strerror})"]) from None
    if not raw.strip():
        raise ledger_error(path, ["it is empty (a run may have been cut off, or the file was emptied)"])
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ledger_error(path, ["it is not UTF-8 text"]) from None
    except json.JSONDecodeError as exc:
        raise ledger_error(path, [f"it is not valid JSON (line {exc.lineno}, column {exc.colno}: "
                                  f"{exc.msg}); it may be truncated"]) from None
    except (ValueError, RecursionError):  # a number of over 4300 digits; nesting past Python's stack
        raise ledger_error(path, [UNREADABLE]) from None


UNREADABLE = "it holds a number too long or a nesting too deep to read: no run of this tool wrote it"


def ledger_problems(data: Any, issue_id: str) -> list[str]:
    """Everything wrong with a parsed issue ledger (empty when it can be trusted)."""
    if not isinstance(data, dict):
        return [f"it holds {_json_kind(data)}, not an object with version, issue and channels"]
    problems = [f"unknown top-level key '{k}'" for k in data if k not in TOP_KEYS]
    if type(data.get("version")) is not int or data.get("version") != LEDGER_VERSION:  # true == 1 in Python
        problems.append(f"version is {data.get('version')!r}; this version of leotalk-publish reads "
                        f"version {LEDGER_VERSION}")
    if not isinstance(data.get("seq", 0), int) or isinstance(data.get("seq"), bool) or data.get("seq", 0) < 0:
        problems.append(f"seq is {data.get('seq')!r}, not a count of journal entries")
    if data.get("issue") != issue_id:
        problems.append(f"it belongs to issue {data.get('issue')!r}, not {issue_id!r}")
    channels = data.get("channels")
    if not isinstance(channels, dict):
        return [*problems, "'channels' is not an object of channel name → record"]
    for name, state in channels.items():
        problems += channel_problems(name, state)
    return problems


def channel_problems(name: str, state: Any) -> list[str]:
    if not CHANNEL_NAME.fullmatch(name):
        return [f"'{name}' is not a channel name"]
    if not isinstance(state, dict):
        return [f"channels.{name} is not an object"]
    problems = [f"channels.{name}.{key}: {_show(state[key])} is not {what}"
                for key, (ok, what) in CORE_FIELDS.items() if key in state and not ok(state[key])]
    problems += [f"channels.{name}: {where} holds a NUL or control character" for where in _control_chars(state)]
    return problems


def _is_time(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        return datetime.fromisoformat(value).tzinfo is not None
    except ValueError:
        return False


def is_file_name(value: Any) -> bool:
    return isinstance(value, str) and bool(FILE_NAME.fullmatch(value)) and ".." not in value


CORE_FIELDS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "mode": (lambda v: v in MODES, "one of " + ", ".join(MODES)),
    "content_hash": (lambda v: isinstance(v, str) and bool(HEX64.fullmatch(v)), "a sha256 (64 hex digits)"),
    "snapshot": (lambda v: isinstance(v, list) and all(is_file_name(n) for n in v),
                 "a list of plain file names (no '/', no '..')"),
    "pushed_at": (_is_time, "a time with its UTC offset"),
    "where": (lambda v: isinstance(v, str), "a string"),
    "draft_hash": (lambda v: isinstance(v, str) and (v == "" or bool(HEX64.fullmatch(v))),
                   "a sha256 (64 hex digits)"),
    "published": (lambda v: isinstance(v, bool), "true or false"),
    "remote": (lambda v: isinstance(v, dict), "an object"),
}


def _control_chars(value: Any, where: str = "") -> list[str]:
    """Paths of string values (or keys) holding characters no id, path or URL has."""
    if isinstance(value, str):
        return [where or "a value"] if any(ord(c) < 32 and c not in "\n\t" for c in value) else []
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _control_chars(k, f"{where}.{k}".strip(".") + " (key)")
                + _control_chars(v, f"{where}.{k}".strip("."))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _control_chars(v, f"{where}[{i}]")]
    return []


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def registry_problems(data: Any) -> list[str]:
    """An asset registry is an object of tables, each an object of content key → record."""
    if not isinstance(data, dict):
        return [f"it holds {_json_kind(data)}, not an object of tables"]
    return [f"table '{name}' is not an object" for name, table in data.items() if not isinstance(table, dict)]


def _json_kind(data: Any) -> str:
    """What a JSON value is, in JSON's words (null, an array, a string …)."""
    kinds = {type(None): "null", list: "an array", str: "a string", bool: "true or false", int: "a number",
             float: "a number"}
    return kinds.get(type(data), "a value")
