"""Substack publish benchmark: an issue the size of the seed (30 images) against the loopback fake with
latency added to every request, compared with the channel's lower bound (requests ÷ the rate limit).

Also measures re-publishing unchanged (zero requests) and after one edited paragraph (the look, one PUT and
the publish again without email), and the renderer alone (pure, no I/O). The interpreter's start-up is not
part of these numbers (in-process).

Run from the project root: python3 benchmarks/substack_publish.py [latency_ms] [requests_per_second]
(defaults: 200 ms, 0.5 request/s, the channel's default pace)
"""

from __future__ import annotations

import json
import math
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from common import IMAGES, write_seed_sized_issue  # noqa: E402

from leotalk_publish import pipeline  # noqa: E402
from leotalk_publish.adapters.substack.adapter import ADAPTER  # noqa: E402
from leotalk_publish.load import load_issue  # noqa: E402
from leotalk_publish.progress import PlainProgress  # noqa: E402
from leotalk_publish.project import Project  # noqa: E402
from tests.loopback import serve  # noqa: E402
from tests.substack.fake_substack import FakeSubstack  # noqa: E402

COOKIE = "benchmark-fake-sid"


def run(root: Path, fake: FakeSubstack) -> tuple[float, int, int]:
    """(seconds, requests, writes) of one in-process publish."""
    before, writes_before = len(fake.log), len(fake.writes())
    env = {"SUBSTACK_COOKIE": COOKIE, "LEOTALK_SUBSTACK_API_BASE": fake.base}
    started = time.perf_counter()
    prep = pipeline.prepare(Project(root), "issue-1", ["substack"], env)
    (outcome,) = pipeline.publish(Project(root), prep, progress=PlainProgress(lambda line: None),
                                  clock=lambda: datetime(2025, 10, 1, tzinfo=UTC))
    elapsed = time.perf_counter() - started
    assert outcome.status != "failed", outcome.error
    return elapsed, len(fake.log) - before, len(fake.writes()) - writes_before


def bound(requests: int, rate: float, latency: float) -> float:
    """The channel's floor: requests spaced by the rate limit, plus the last one's latency."""
    return (requests - 1) / rate + latency if requests else 0.0


def render_ms(root: Path, runs: int = 20) -> float:
    issue = load_issue(root / "drafts", "issue-1")
    settings = ADAPTER.load_settings(root, {})
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        ADAPTER.render(issue, settings)
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def main() -> None:
    latency = (float(sys.argv[1]) if len(sys.argv) > 1 else 200.0) / 1000
    rate = float(sys.argv[2]) if len(sys.argv) > 2 else 0.5  # the channel's default pace
    with tempfile.TemporaryDirectory() as tmp, serve((fake := FakeSubstack(COOKIE, latency_s=latency)).handler()) \
            as base:
        root = Path(tmp)
        fake.base = base
        (root / "channels").mkdir()
        (root / "channels" / "substack.toml").write_text(
            f'publication = "bench"\nrequests_per_second = {rate}\npublish = true\n', encoding="utf-8")
        write_seed_sized_issue(root)
        results = {"latency_ms": latency * 1000, "requests_per_second": rate, "images": IMAGES,
                   "render_ms_median": round(render_ms(root), 2)}
        first, requests, writes = run(root, fake)
        results["first_publish"] = {"seconds": round(first, 2), "requests": requests, "writes": writes,
                                    "serial_latency_sum_s": round(requests * latency, 2),
                                    "lower_bound_s": round(bound(requests, rate, latency), 2),
                                    "ratio_to_bound": round(first / bound(requests, rate, latency), 3)}
        again, requests, writes = run(root, fake)
        results["unchanged"] = {"seconds": round(again, 3), "requests": requests, "writes": writes}
        index = root / "drafts" / "issue-1" / "index.md"
        index.write_text(index.read_text(encoding="utf-8").replace("第 3 条消息", "第三条消息"), encoding="utf-8")
        edited, requests, writes = run(root, fake)
        results["one_paragraph_edited"] = {"seconds": round(edited, 2), "requests": requests, "writes": writes,
                                           "lower_bound_s": round(bound(requests, rate, latency), 2)}
        results["uploads"] = len(fake.images)
        results["drafts"] = len(fake.drafts)
    print(json.dumps(results, indent=2))
    assert math.isfinite(first)


if __name__ == "__main__":
    main()
