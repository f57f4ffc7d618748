"""All channels in one run while both APIs fail a share of their write calls at random.

The blog goes to a real bare remote; Substack and WeChat to their loopback fakes, each wrapped by a seeded
``FaultPlan`` (502, busy, dropped connection, timeout — half of them after the effect was applied).
``publish issue-1 --channels blog,substack,wechat`` is run again until it succeeds: every seed must end
with one draft per channel, one blog commit, and an image uploaded twice only where a fault hid its first
upload (neither platform offers a way to find a lost upload). ``ALL_CHANNEL_SEEDS=100`` for a longer soak.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest

from leotalk_publish import pipeline
from leotalk_publish.progress import PlainProgress
from leotalk_publish.project import Project
from tests.blog.jekyll_site import git, make_site_with_remote
from tests.conftest import FRONT, write_png
from tests.faults import FaultPlan
from tests.loopback import serve
from tests.substack import fake_substack
from tests.substack.fake_substack import FakeSubstack
from tests.wechat import fake_wechat
from tests.wechat.fake_wechat import FakeWechat

pytestmark = pytest.mark.long(seconds=10)  # seconds of subprocesses or soaks: started first

SEEDS = int(os.environ.get("ALL_CHANNEL_SEEDS", "16"))
CHANNELS = ["blog", "substack", "wechat"]
BODY = """\
# 本周

第一段，**要点**之后是图。

![图一](images/a.png "第一张")

- 一
- 二

![图二](images/b.png)

![图三](images/c.png)

_Opinion：结尾的看法。_
"""
IMAGES = ("images/a.png", "images/b.png", "images/c.png")
UPLOADIMG, MATERIAL, SUBSTACK_IMAGE = "media/uploadimg", "material/add_material", "/api/v1/image"


# ── the world the publisher talks to: a site with a bare remote, and both fakes ────────────────────────
def site_with_remote(project: Path) -> Path:
    """project/site: the minimal Jekyll site, committed and pushed to a bare remote; return the remote."""
    make_site_with_remote(project / "site", project / "remote.git")
    return project / "remote.git"


def commits(remote: Path) -> int:
    """Commits on the remote beyond the site's own first one."""
    return int(git(remote, "rev-list", "--count", "main")) - 1


def write_channel_settings(project: Path, *, wechat: str = "", substack: str = "") -> None:
    """Fast settings: no real rate limit, tiny retry waits, client timeouts shorter than a hung answer."""
    (project / "channels" / "substack.toml").write_text(
        'publication = "leotalk"\nrequests_per_second = 1000.0\nretry_initial_seconds = 0.01\n' + substack,
        encoding="utf-8")
    (project / "channels" / "wechat.toml").write_text("timeout_s = 0.5\n" + wechat, encoding="utf-8")


@dataclass
class World:
    project: Path
    remote: Path
    wechat: FakeWechat
    substack: FakeSubstack
    wechat_faults: FaultPlan
    substack_faults: FaultPlan
    env: dict[str, str]
    lines: list[str] = field(default_factory=list)
    again: list[pipeline.Outcome] = field(default_factory=list)  # the run after the one that finished
    failure: str | None = None  # why it never finished, if it did not


@contextmanager
def world(project: Path, *, seed: int = 0, rate: float = 0.0, verified: bool = True) -> Iterator[World]:
    """Both fakes served over loopback HTTP, each behind its own seeded fault plan, and the blog's remote."""
    remote = site_with_remote(project)
    wechat = FakeWechat(verified=verified)
    substack = FakeSubstack(cookie=f"fake-sid-{seed:04d}-not-a-secret")
    wechat_faults = FaultPlan(rate=rate, seed=seed, hang_s=0.8)
    # Substack's client waits 30 s for an answer: a hung answer here ends when the fake drops the connection,
    # a lost answer either way, so the hang need not outlast a client timeout as WeChat's (0.5 s) must
    substack_faults = FaultPlan(rate=rate, seed=seed + 7919, hang_s=0.2)
    with ExitStack() as stack:
        wechat_base = stack.enter_context(serve(fake_wechat.with_faults(wechat, wechat_faults)))
        substack_base = stack.enter_context(serve(fake_substack.with_faults(substack, substack_faults)))
        env = {"WECHAT_APPID": wechat.appid, "WECHAT_APPSECRET": wechat.secret,
               "LEOTALK_WECHAT_API_BASE": wechat_base, "SUBSTACK_COOKIE": substack.cookie,
               "LEOTALK_SUBSTACK_API_BASE": substack_base}
        yield World(project, remote, wechat, substack, wechat_faults, substack_faults, env)


def publish_once(w: World) -> list[pipeline.Outcome]:
    """What ``publish issue-1 --channels blog,substack,wechat`` does, with retry waits skipped."""
    proj = Project(w.project)
    preparation = pipeline.prepare(proj, "issue-1", CHANNELS, w.env)
    outcomes = pipeline.publish(proj, preparation, progress=PlainProgress(w.lines.append),
                                clock=lambda: datetime(2025, 10, 1, tzinfo=UTC),
                                options={"sleep": lambda seconds: None})
    w.lines += [f"{o.channel}: {o.status} {o.error}" for o in outcomes]
    return outcomes


def publish_until_done(w: World, tries: int = 12) -> int:
    """Run again until no channel fails; return how many runs it took."""
    for run in range(1, tries + 1):
        if not any(o.status == "failed" for o in publish_once(w)):
            return run
    pytest.fail(f"still failing after {tries} runs:\n" + "\n".join(w.lines[-30:]))


@pytest.fixture
def draft(project: Path, make_draft) -> Path:
    make_draft(BODY, images=IMAGES)
    write_channel_settings(project)
    return project


# ── the soak: every seed run once, for its own test and for the guard of them all ─────────────────────────
def seed_project(root: Path) -> Path:
    """A project holding the draft (its three images) and the fast channel settings."""
    folder = root / "drafts" / "issue-1"
    folder.mkdir(parents=True)
    (folder / "index.md").write_text(FRONT + BODY, encoding="utf-8")
    for i, name in enumerate(IMAGES):
        write_png(folder / name, color=("#3366cc", "#cc6633", "#33cc66")[i])
    (root / "channels").mkdir()
    write_channel_settings(root)
    return root


@pytest.fixture(scope="module")
def soak(tmp_path_factory: pytest.TempPathFactory) -> dict[int, World]:
    """Each seed's world, published until done and then once more (or why it never finished). The module's tests
    share it, on one worker (the suite runs with ``--dist loadfile``)."""
    worlds: dict[int, World] = {}
    for seed in range(SEEDS):
        with world(seed_project(tmp_path_factory.mktemp(f"seed-{seed}")), seed=seed, rate=0.2) as w:
            try:
                publish_until_done(w)
                w.again = publish_once(w)
            except pytest.fail.Exception as failed:
                w.failure = str(failed)
        worlds[seed] = w
    return worlds


# ── the tests ──────────────────────────────────────────────────────────────────────────────────────────
@pytest.mark.parametrize("seed", range(SEEDS))
def test_random_faults_on_both_apis_leave_one_draft_per_channel(seed: int, soak: dict[int, World]) -> None:
    w = soak[seed]
    assert w.failure is None, w.failure
    assert [o.status for o in w.again] == ["unchanged"] * 3, w.lines
    assert len(w.wechat.drafts) == 1 and len(w.substack.drafts) == 1
    assert w.substack.next_id - 1000 == 1  # one Substack draft ever created, none created and deleted
    assert commits(w.remote) == 1
    wechat_stems = [Path(image["filename"]).stem for image in w.wechat.images]
    assert set(wechat_stems) == {"a", "b", "c"}
    assert len(wechat_stems) - 3 <= w.wechat_faults.hidden(UPLOADIMG), w.wechat_faults.injected
    assert len(w.wechat.materials) - 1 <= w.wechat_faults.hidden(MATERIAL), w.wechat_faults.injected
    assert len(w.substack.images) >= 3
    assert len(w.substack.images) - 3 <= w.substack_faults.hidden(SUBSTACK_IMAGE), w.substack_faults.injected


def test_the_seeds_really_inject_every_kind_before_and_after_on_both_apis(soak: dict[int, World]) -> None:
    """Guards the test above: across its seeds, both APIs fail writes in all four ways, before and after the
    effect, and some fault hides an upload that succeeded."""
    seen: dict[str, set[tuple[str, bool]]] = {"wechat": set(), "substack": set()}
    hidden_uploads = 0
    for w in soak.values():
        seen["wechat"] |= {(kind, after) for _, kind, after in w.wechat_faults.injected}
        seen["substack"] |= {(kind, after) for _, kind, after in w.substack_faults.injected}
        hidden_uploads += w.wechat_faults.hidden(UPLOADIMG) + w.substack_faults.hidden(SUBSTACK_IMAGE)
    for api, faults in seen.items():
        assert {kind for kind, _ in faults} == {"502", "busy", "drop", "timeout"}, (api, faults)
        assert {after for _, after in faults} == {False, True}, (api, faults)
    assert hidden_uploads, "no seed hid a successful upload: the re-upload allowance is never exercised"


def test_without_faults_one_run_writes_each_thing_once(draft: Path) -> None:
    with world(draft) as w:
        assert publish_until_done(w) == 1
    assert len(w.wechat.images) == 3 and len(w.wechat.materials) == 1 and len(w.wechat.drafts) == 1
    assert len(w.substack.images) == 3 and len(w.substack.drafts) == 1
    assert commits(w.remote) == 1
    assert w.wechat_faults.injected == [] and w.substack_faults.injected == []
