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
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from leotalk_publish import pipeline
from leotalk_publish.progress import PlainProgress
from leotalk_publish.project import Project
from tests.blog.jekyll_site import git, make_site_with_remote
from tests.faults import FaultPlan, faulty
from tests.loopback import serve
from tests.substack.fake_substack import FakeSubstack
from tests.wechat.fake_wechat import WRITES as WECHAT_WRITES
from tests.wechat.fake_wechat import FakeWechat, handler_for

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
    (project / "channels" / "wechat.toml").write_text("timeout_s = 0.3\n" + wechat, encoding="utf-8")


def wechat_busy(handler: BaseHTTPRequestHandler) -> None:
    """WeChat's "system busy": HTTP 200 with errcode -1."""
    body = b'{"errcode":-1,"errmsg":"system error"}'
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def substack_busy(handler: BaseHTTPRequestHandler) -> None:
    """Substack's "slow down": 429 with Retry-After."""
    body = b'{"error":"Too Many Requests"}'
    handler.send_response(429)
    handler.send_header("Retry-After", "0")
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def wechat_write(method: str, path: str) -> bool:
    return any(f"/cgi-bin/{w}" in path for w in WECHAT_WRITES)


def substack_write(method: str, path: str) -> bool:
    return method != "GET"


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

    def hidden(self, plan: FaultPlan, path: str) -> int:
        """Faults that applied a write to ``path`` and then lost its answer."""
        return sum(1 for where, _, after in plan.injected if after and path in where)


@contextmanager
def world(project: Path, *, seed: int = 0, rate: float = 0.0, verified: bool = True) -> Iterator[World]:
    """Both fakes served over loopback HTTP, each behind its own seeded fault plan, and the blog's remote."""
    remote = site_with_remote(project)
    wechat = FakeWechat(verified=verified)
    substack = FakeSubstack(cookie=f"fake-sid-{seed:04d}-not-a-secret")
    wechat_faults = FaultPlan(rate=rate, seed=seed, busy=wechat_busy, hang_s=0.5)
    substack_faults = FaultPlan(rate=rate, seed=seed + 7919, busy=substack_busy, hang_s=0.5)
    with ExitStack() as stack:
        wechat_base = stack.enter_context(serve(faulty(handler_for(wechat), wechat_faults, wechat_write)))
        substack_base = stack.enter_context(serve(faulty(substack.handler(), substack_faults, substack_write)))
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


# ── the tests ──────────────────────────────────────────────────────────────────────────────────────────
@pytest.mark.parametrize("seed", range(SEEDS))
def test_random_faults_on_both_apis_leave_one_draft_per_channel(seed: int, draft: Path) -> None:
    with world(draft, seed=seed, rate=0.2) as w:
        publish_until_done(w)
        again = publish_once(w)

    assert [o.status for o in again] == ["unchanged"] * 3, w.lines
    assert len(w.wechat.drafts) == 1 and len(w.substack.drafts) == 1
    assert w.substack.next_id - 1000 == 1  # one Substack draft ever created, none created and deleted
    assert commits(w.remote) == 1
    wechat_stems = [Path(image["filename"]).stem for image in w.wechat.images]
    assert set(wechat_stems) == {"a", "b", "c"}
    assert len(wechat_stems) - 3 <= w.hidden(w.wechat_faults, UPLOADIMG), w.wechat_faults.injected
    assert len(w.wechat.materials) - 1 <= w.hidden(w.wechat_faults, MATERIAL), w.wechat_faults.injected
    assert len(w.substack.images) >= 3
    assert len(w.substack.images) - 3 <= w.hidden(w.substack_faults, SUBSTACK_IMAGE), w.substack_faults.injected


def test_the_seeds_really_inject_every_kind_before_and_after_on_both_apis(draft: Path) -> None:
    """Guards the test above: across its seeds, both APIs fail writes in all four ways, before and after the
    effect, and some fault hides an upload that succeeded."""
    seen: dict[str, set[tuple[str, bool]]] = {"wechat": set(), "substack": set()}
    hidden_uploads = 0
    for seed in range(SEEDS):
        project = draft.parent / f"seed-{seed}"
        (project / "channels").mkdir(parents=True)
        (project / "drafts").symlink_to(draft / "drafts")
        write_channel_settings(project)
        with world(project, seed=seed, rate=0.2) as w:
            publish_until_done(w)
        seen["wechat"] |= {(kind, after) for _, kind, after in w.wechat_faults.injected}
        seen["substack"] |= {(kind, after) for _, kind, after in w.substack_faults.injected}
        hidden_uploads += w.hidden(w.wechat_faults, UPLOADIMG) + w.hidden(w.substack_faults, SUBSTACK_IMAGE)
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
