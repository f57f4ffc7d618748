"""Fixtures for the Substack channel's tests: issues built from golden inputs, settings, and the fake."""

from __future__ import annotations

import json
import re
import secrets
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from leotalk_publish import pipeline
from leotalk_publish.adapters.substack.settings import SubstackSettings
from leotalk_publish.load import load_issue
from leotalk_publish.model import Issue
from leotalk_publish.progress import PlainProgress
from leotalk_publish.project import Project
from tests.conftest import write_png
from tests.loopback import serve
from tests.substack.fake_substack import FakeSubstack

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
SAMPLE = HERE / "sample"
COLORS = ("#3366cc", "#cc6633", "#33cc66", "#999933")
_IMAGE_REF = re.compile(r"\]\((images/[^\s)]+)")


def add_images(folder: Path, text: str) -> None:
    """Write a small PNG for every ``images/…`` reference (sizes differ, so width/height are checked)."""
    for i, src in enumerate(dict.fromkeys(_IMAGE_REF.findall(text))):
        write_png(folder / src, size=(800 + 200 * i, 400 + 50 * i), color=COLORS[i % len(COLORS)])


@pytest.fixture
def settings() -> SubstackSettings:
    return SubstackSettings()


@pytest.fixture
def case_issue(make_draft, project: Path):
    """An issue whose body is a golden input file, with its images generated."""

    def build(body: str) -> Issue:
        folder = make_draft(body)
        add_images(folder, body)
        return load_issue(project / "drafts", "issue-1")

    return build


@pytest.fixture
def sample_draft(project: Path) -> Path:
    """The sample issue (tests/substack/sample) copied into the project as drafts/issue-1."""
    folder = project / "drafts" / "issue-1"
    shutil.copytree(SAMPLE, folder)
    add_images(folder, (folder / "index.md").read_text(encoding="utf-8"))
    return folder


# ── the API path against the loopback fake ──────────────────────────────────────────────────────────
FAST = {"requests_per_second": 1000.0, "retry_initial_seconds": 0.01}


def write_settings(project: Path, **values: object) -> None:
    """channels/substack.toml for a test (fast rate limit and retries unless told otherwise)."""
    table = {"publication": "leotalk", **FAST, **values}
    lines = [f"{key} = {json.dumps(value)}" for key, value in table.items() if value is not None]  # None: default
    (project / "channels" / "substack.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def registered(project: Path, issue: str = "issue-1") -> int:
    """How many of the issue's images the account's asset registry holds (read as the push reads it)."""
    from leotalk_publish.ledger import AssetRegistry
    registry = AssetRegistry(project / "ledger", "substack", "leotalk")
    assets = load_issue(project / "drafts", issue).assets.values()
    return sum(registry.lookup("uploads", a.sha256) is not None for a in {a.sha256: a for a in assets}.values())


@dataclass
class Run:
    outcomes: list
    lines: list[str]

    @property
    def outcome(self):
        return self.outcomes[0]


@pytest.fixture
def cookie() -> str:
    """An obviously fake session id, new for every test."""
    return f"fake-sid-{secrets.token_hex(12)}"


@pytest.fixture
def fake(cookie: str):
    state = FakeSubstack(cookie=cookie)
    with serve(state.handler()) as base:
        state.base = base
        yield state


@pytest.fixture
def publish(project: Path, fake: FakeSubstack, cookie: str):
    """Run the pipeline for drafts/issue-1 on the Substack channel against the fake; return what it said."""

    def run(*, export: bool = False, clock=None, env: dict[str, str] | None = None,
            options: dict | None = None) -> Run:
        lines: list[str] = []
        env = {"SUBSTACK_COOKIE": cookie, "LEOTALK_SUBSTACK_API_BASE": fake.base} if env is None else env
        proj = Project(project)
        preparation = pipeline.prepare(proj, "issue-1", ["substack"], env)
        options = {"sleep": lambda seconds: None, **(options or {})}  # waits are reported, not waited
        outcomes = pipeline.publish(proj, preparation, export=export, progress=PlainProgress(lines.append),
                                    clock=clock or (lambda: datetime(2025, 9, 1, tzinfo=UTC)), options=options)
        lines += [f"{o.channel}: {o.status} {o.error} {o.result}" for o in outcomes]
        return Run(outcomes, lines)

    return run
