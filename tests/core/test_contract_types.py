"""The adapter contract is checked by mypy: an adapter whose method drifts from ``channel.Adapter`` is an error.

Each adapter declares itself against the contract (``_adapter: Adapter[ItsSettings, ItsPayload] = ADAPTER`` in
a ``TYPE_CHECKING`` block of its ``adapter.py``), so ``mypy --strict`` in CI compares every method of every
adapter with the protocol. Here mypy runs once over a few small adapters: the right one is clean, and each
kind of drift (another settings type, a lost parameter, a missing method, another payload, other facts) is
reported at its declaration.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from leotalk_publish.adapters import ADAPTERS
from tests.core.conftest import MypyRun

ROOT = Path(__file__).resolve().parents[2]

HEAD = '''from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from leotalk_publish.channel import Adapter, Observation, Observer, PushContext, PushResult, Rendition
from leotalk_publish.errors import Problem
from leotalk_publish.ledger import ChannelState
from leotalk_publish.model import Issue


@dataclass(frozen=True)
class FaxSettings:
    number: str = ""


@dataclass(frozen=True)
class FaxPayload:
    pages: int


class FaxAdapter:
    name = "fax"

    def load_settings(self, project: Path, env: Mapping[str, str]) -> FaxSettings:
        return FaxSettings()

    def check(self, issue: Issue, settings: FaxSettings) -> list[Problem]:
        return []

    def render(self, issue: Issue, settings: FaxSettings) -> Rendition[FaxPayload]:
        return Rendition("fax", issue.issue_id, {}, payload=FaxPayload(1))

    def push_mode(self, settings: FaxSettings, export: bool) -> str:
        return "export"

    def plan(self, rendition: Rendition[FaxPayload], state: ChannelState, settings: FaxSettings,
             export: bool) -> list[str]:
        return [f"send {rendition.payload.pages} page(s)"]

    def push(self, rendition: Rendition[FaxPayload], settings: FaxSettings, ctx: PushContext) -> PushResult:
        return PushResult("export", settings.number)

    def observe(self, rendition: Rendition[FaxPayload], settings: FaxSettings,
                ctx: PushContext) -> Observation[int]:
        return Observation(facts=3)
'''
TAIL = '''

ADAPTER = FaxAdapter()

if TYPE_CHECKING:
    _adapter: Adapter[FaxSettings, FaxPayload] = ADAPTER
    _observer: Observer[FaxSettings, FaxPayload, int] = ADAPTER
'''
DRIFTS = {  # file: (what the adapter gets wrong, the text replaced, its replacement)
    "other_settings": ("push takes another settings type",
                       "settings: FaxSettings, ctx: PushContext) -> PushResult",
                       "settings: str, ctx: PushContext) -> PushResult"),
    "lost_parameter": ("plan lost its export flag",
                       "settings: FaxSettings,\n             export: bool) -> list[str]",
                       "settings: FaxSettings) -> list[str]"),
    "missing_method": ("push_mode is gone",
                       '    def push_mode(self, settings: FaxSettings, export: bool) -> str:\n'
                       '        return "export"\n',
                       ""),
    "other_payload": ("render returns a rendition without the payload",
                      "-> Rendition[FaxPayload]:\n        return", "-> Rendition:\n        return"),
    "other_facts": ("observe sees facts of another type",
                    "-> Observation[int]:\n        return Observation(facts=3)",
                    "-> Observation[str]:\n        return Observation(facts='3')"),
}


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory, mypy_run: MypyRun) -> str:
    """mypy, with the project's configuration, once over the right adapter and each drifted one."""
    folder = tmp_path_factory.mktemp("contract")
    (folder / "right.py").write_text(HEAD + TAIL, encoding="utf-8")
    for name, (_, old, new) in DRIFTS.items():
        assert old in HEAD, name
        (folder / f"{name}.py").write_text(HEAD.replace(old, new) + TAIL, encoding="utf-8")
    out, status = mypy_run(["--no-error-summary", *sorted(map(str, folder.glob("*.py")))])
    assert status in (0, 1), out  # 2: mypy itself failed
    return out


def test_an_adapter_that_keeps_the_contract_is_clean(report: str) -> None:
    assert re.findall(r"right\.py:\d+: error.*", report) == []


@pytest.mark.parametrize("name", DRIFTS, ids=[f"{k}: {v[0]}" for k, v in DRIFTS.items()])
def test_a_drifted_adapter_is_a_type_error(name: str, report: str) -> None:
    errors = re.findall(rf"{name}\.py:\d+: error: (.*)", report)
    assert errors, f"mypy accepted an adapter whose {DRIFTS[name][0]}:\n{report}"
    refused = [e for e in errors if re.match(r'Incompatible types in assignment \(expression has type "FaxAdapter", '
                                             r'variable has type "(Adapter|Observer)\[FaxSettings, FaxPayload', e)]
    assert refused, errors  # the declaration itself is refused, naming the contract it breaks


@pytest.mark.parametrize("channel", sorted(ADAPTERS))
def test_every_registered_adapter_declares_itself_against_the_contract(channel: str) -> None:
    """The declaration the CI's mypy run checks is there (a test above shows it catches a drift)."""
    module = ROOT / (ADAPTERS[channel].replace(".", "/") + ".py")
    source = module.read_text(encoding="utf-8")
    declared = r"^if TYPE_CHECKING:.*\n\s+_adapter: Adapter\[\w+, \w+\] = ADAPTER$"
    assert re.search(declared, source, re.MULTILINE | re.DOTALL), f"{module} does not declare its contract"
