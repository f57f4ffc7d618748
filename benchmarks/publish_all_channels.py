"""All channels at once: an issue the size of the seed (30 images) published to the blog (git, to a local
bare remote), Substack and WeChat (loopback fakes, latency added to every request), compared with each
channel alone and with each channel's lower bound.

- WeChat's bound: token + ⌈uploads ÷ 8⌉ + material + draft calls, each one latency.
- Substack's bound: its requests spaced by its rate limit, (requests − 1) ÷ rate + one latency.
- The blog has no network latency (git to a local remote): its time is reported, it has no bound.

Targets: each channel within 1.5× of its bound; all channels together within 1.1× of the slowest alone.
Also: re-publishing unchanged (zero writes, its time) and the whole process (interpreter start-up measured
separately). Each measured run gets a fresh project, fresh fakes and a fresh bare remote.

Run from the project root: python3 benchmarks/publish_all_channels.py [latency_ms] [requests_per_second]
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from common import IMAGES, write_seed_sized_issue  # noqa: E402

from leotalk_publish import pipeline  # noqa: E402
from leotalk_publish.progress import PlainProgress  # noqa: E402
from leotalk_publish.project import Project  # noqa: E402
from tests.blog.jekyll_site import git, make_site_with_remote  # noqa: E402
from tests.faults import FaultPlan, faulty  # noqa: E402
from tests.loopback import serve  # noqa: E402
from tests.substack.fake_substack import FakeSubstack  # noqa: E402
from tests.wechat.fake_wechat import FakeWechat, handler_for  # noqa: E402

COOKIE = "benchmark-fake-sid"
CHANNELS = ("blog", "substack", "wechat")
WECHAT_CONCURRENCY = 8
CLOCK = datetime(2025, 10, 1, tzinfo=UTC)


def site_and_remote(root: Path) -> Path:
    """root/site: a checkout of root/remote.git (bare) holding the minimal Jekyll site; return the remote."""
    make_site_with_remote(root / "site", root / "remote.git")
    return root / "remote.git"


@dataclass
class Bench:
    """One fresh project with its fakes and remote, for one measured publish (and what follows it)."""

    root: Path
    remote: Path
    wechat: FakeWechat
    substack: FakeSubstack
    env: dict[str, str]
    prepare_s: float = 0.0  # load, check and render of the last publish (no network)

    def counts(self) -> dict[str, int]:
        """Requests and writes so far, per channel (blog: commits on the remote)."""
        return {"wechat_requests": len(self.wechat.calls), "wechat_writes": len(self.wechat.writes()),
                "substack_requests": len(self.substack.log), "substack_writes": len(self.substack.writes()),
                "blog_commits": int(git(self.remote, "rev-list", "--count", "main")) - 1}


@contextmanager
def bench(latency: float, rate: float) -> Iterator[Bench]:
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        root = Path(tmp)
        (root / "channels").mkdir()
        (root / "channels" / "substack.toml").write_text(
            f'publication = "bench"\nrequests_per_second = {rate}\npublish = true\n', encoding="utf-8")
        (root / "channels" / "wechat.toml").write_text(
            f"upload_concurrency = {WECHAT_CONCURRENCY}\n", encoding="utf-8")
        write_seed_sized_issue(root)
        remote = site_and_remote(root)
        wechat, substack = FakeWechat(), FakeSubstack(COOKIE, latency_s=latency)
        wechat_base = stack.enter_context(serve(faulty(handler_for(wechat), FaultPlan(latency_s=latency),
                                                       lambda method, path: False)))
        substack_base = stack.enter_context(serve(substack.handler()))
        env = {"SUBSTACK_COOKIE": COOKIE, "LEOTALK_SUBSTACK_API_BASE": substack_base,
               "WECHAT_APPID": wechat.appid, "WECHAT_APPSECRET": wechat.secret,
               "LEOTALK_WECHAT_API_BASE": wechat_base}
        yield Bench(root, remote, wechat, substack, env)


def publish_in_process(b: Bench, channels: tuple[str, ...]) -> float:
    """Seconds of one in-process prepare + publish; fails loudly if a channel failed."""
    started = time.perf_counter()
    prep = pipeline.prepare(Project(b.root), "issue-1", list(channels), b.env)
    b.prepare_s = time.perf_counter() - started
    outcomes = pipeline.publish(Project(b.root), prep, progress=PlainProgress(lambda line: None),
                                clock=lambda: CLOCK)
    elapsed = time.perf_counter() - started
    failed = [f"{o.channel}: {o.error}" for o in outcomes if o.status == "failed"]
    assert not failed, failed
    return elapsed


def publish_process(b: Bench, channels: tuple[str, ...]) -> float:
    """Seconds of the whole ``publish`` process, interpreter start-up included."""
    command = [sys.executable, "-m", "leotalk_publish", "publish", "issue-1", "--channels", ",".join(channels),
               "--project", str(b.root), "--now", CLOCK.isoformat()]
    started = time.perf_counter()
    done = subprocess.run(command, env={**os.environ, **b.env, "CI": "true"}, capture_output=True, text=True,
                          check=False)
    elapsed = time.perf_counter() - started
    assert done.returncode == 0, done.stdout + done.stderr
    return elapsed


def startup_s(runs: int = 5) -> dict[str, float]:
    """Median seconds of a bare interpreter, and of one importing the command line."""
    def median(code: str) -> float:
        samples = []
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            samples.append(time.perf_counter() - started)
        return sorted(samples)[runs // 2]
    return {"python_-c_pass": round(median("pass"), 3),
            "import_cli": round(median("import leotalk_publish.cli"), 3)}


def wechat_bound(counts: dict[str, int], latency: float) -> float:
    """token + ⌈body uploads ÷ 8⌉ + material + draft calls, each one request's latency."""
    uploads = IMAGES  # every body image once; the cover is the material call
    draft_calls = counts["wechat_requests"] - counts["wechat_token"] - uploads - 1
    return (1 + math.ceil(uploads / WECHAT_CONCURRENCY) + 1 + draft_calls) * latency


def substack_bound(requests: int, rate: float, latency: float) -> float:
    return (requests - 1) / rate + latency if requests else 0.0


def one_channel(latency: float, rate: float, channel: str) -> tuple[float, dict[str, int]]:
    with bench(latency, rate) as b:
        seconds = publish_in_process(b, (channel,))
        counts = b.counts()
        counts["wechat_token"] = b.wechat.calls.count("stable_token")
        counts["prepare_ms"] = round(b.prepare_s * 1000)
        return seconds, counts


def all_channels(latency: float, rate: float) -> dict[str, object]:
    """All channels together, then the unchanged re-publish, in one fresh project."""
    with bench(latency, rate) as b:
        seconds = publish_in_process(b, CHANNELS)
        first, prepare_ms = b.counts(), round(b.prepare_s * 1000)
        again = publish_in_process(b, CHANNELS)
        second = b.counts()
        delta = {k: second[k] - first[k] for k in first}
        requests = first["wechat_requests"] + first["substack_requests"]
        return {"seconds": round(seconds, 2), "prepare_ms": prepare_ms, "counts": first,
                "serial_latency_sum_s": round(requests * latency, 2),
                "unchanged": {"seconds": round(again, 3), "writes": delta["wechat_writes"]
                              + delta["substack_writes"] + delta["blog_commits"],
                              "requests": delta["wechat_requests"] + delta["substack_requests"]},
                "drafts": {"wechat": len(b.wechat.drafts), "substack": len(b.substack.drafts)}}


def whole_process(latency: float, rate: float) -> float:
    with bench(latency, rate) as b:
        return publish_process(b, CHANNELS)


def alone(latency: float, rate: float) -> dict[str, dict[str, float]]:
    rows = {}
    for channel in CHANNELS:
        seconds, counts = one_channel(latency, rate, channel)
        row: dict[str, float] = {"seconds": round(seconds, 2), "prepare_ms": counts["prepare_ms"]}
        if channel == "wechat":
            row |= {"requests": counts["wechat_requests"], "bound_s": round(wechat_bound(counts, latency), 2)}
        elif channel == "substack":
            row |= {"requests": counts["substack_requests"],
                    "bound_s": round(substack_bound(counts["substack_requests"], rate, latency), 2)}
        if "bound_s" in row:
            row["ratio_to_bound"] = round(seconds / row["bound_s"], 3)
        rows[channel] = row
    return rows


def table(results: dict[str, object]) -> str:
    rows = [("run", "seconds", "requests", "bound s", "× bound")]
    for channel, row in results["alone"].items():  # type: ignore[union-attr]
        rows.append((f"{channel} alone", row["seconds"], row.get("requests", "-"), row.get("bound_s", "-"),
                     row.get("ratio_to_bound", "-")))
    together = results["together"]
    rows.append(("all three, in-process", together["seconds"], "-", "-", f"{results['together_vs_slowest']} × slowest"))
    rows.append(("all three, whole process", results["whole_process_s"], "-", "-", "-"))
    rows.append(("re-publish unchanged", together["unchanged"]["seconds"], together["unchanged"]["requests"], "-",
                 f"{together['unchanged']['writes']} writes"))
    width = [max(len(str(r[i])) for r in rows) for i in range(5)]
    return "\n".join("  ".join(str(c).ljust(w) for c, w in zip(r, width, strict=True)) for r in rows)


def main() -> None:
    latency = (float(sys.argv[1]) if len(sys.argv) > 1 else 200.0) / 1000
    rate = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
    results: dict[str, object] = {"latency_ms": latency * 1000, "requests_per_second": rate, "images": IMAGES}
    results["startup_s"] = startup_s()
    results["alone"] = alone(latency, rate)
    results["together"] = together = all_channels(latency, rate)
    slowest = max(row["seconds"] for row in results["alone"].values())  # type: ignore[union-attr]
    results["together_vs_slowest"] = round(together["seconds"] / slowest, 3)
    results["whole_process_s"] = round(whole_process(latency, rate), 2)
    print(json.dumps(results, indent=2, ensure_ascii=False))
    print()
    print(table(results))


if __name__ == "__main__":
    main()
