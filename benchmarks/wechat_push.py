"""WeChat push: API calls per run in each situation issue 10 names, and how an unreachable API fails.

    .venv/bin/python benchmarks/wechat_push.py

A seed-sized issue (30 images) against the loopback fake of tests/wechat/fake_wechat.py. For each run it
prints the calls made by path (reads and writes), the reported lines, and the wall time; then the same issue
against a closed port (an unreachable API): seconds until the channel fails, retry lines, error lines.
"""

from __future__ import annotations

import socket
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from common import ROOT, write_seed_sized_issue  # noqa: F401  (puts the project on sys.path)

from leotalk_publish import pipeline
from leotalk_publish.progress import PlainProgress
from leotalk_publish.project import Project
from tests.wechat.fake_wechat import FakeWechat, running


def publish(root: Path, env: dict[str, str], lines: list[str], **options: bool) -> tuple[str, float]:
    started = time.perf_counter()
    preparation = pipeline.prepare(Project(root), "issue-1", ["wechat"], env)
    (outcome,) = pipeline.publish(Project(root), preparation, progress=PlainProgress(lines.append),
                                  options={"sleep": lambda s: None, **options})
    return outcome.status, time.perf_counter() - started


def edit(root: Path, n: int) -> None:
    index = root / "drafts" / "issue-1" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("要点。", f"要点{n}。", 1), encoding="utf-8")


def row(name: str, fake: FakeWechat, since: int, status: str, seconds: float) -> None:
    calls = Counter(fake.calls[since:])
    shown = ", ".join(f"{path} {count}" for path, count in sorted(calls.items()))
    print(f"| {name} | {status} | {sum(calls.values())} | {shown} | {seconds * 1000:.0f} ms |")


def scenarios(root: Path) -> None:
    (root / "channels").mkdir()
    write_seed_sized_issue(root)
    (root / "channels" / "wechat.toml").write_text("publish = true\npoll_interval_s = 0\n")
    fake = FakeWechat()
    with running(fake) as base:
        env = {"WECHAT_APPID": fake.appid, "WECHAT_APPSECRET": fake.secret, "LEOTALK_WECHAT_API_BASE": base}
        print("| run | outcome | calls | by path | time |\n| --- | --- | --- | --- | --- |")
        for name, change, options in (("first publish", None, {}), ("again, unchanged", None, {}),
                                      ("after an edit (published: skip)", 1, {}),
                                      ("--republish", None, {"republish": True})):
            if change:
                edit(root, change)
            since, lines = len(fake.calls), []
            status, seconds = publish(root, env, lines, **options)
            row(name, fake, since, status, seconds)


def unreachable(root: Path) -> None:
    (root / "channels").mkdir()
    write_seed_sized_issue(root)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {"WECHAT_APPID": "wxbenchmark0001", "WECHAT_APPSECRET": "benchmark-not-a-secret",
           "LEOTALK_WECHAT_API_BASE": f"http://127.0.0.1:{port}"}
    lines: list[str] = []
    preparation = pipeline.prepare(Project(root), "issue-1", ["wechat"], env)
    started = time.perf_counter()
    (outcome,) = pipeline.publish(Project(root), preparation, progress=PlainProgress(lines.append))
    seconds = time.perf_counter() - started
    retries = sum("retrying" in line for line in lines)
    print(f"\nunreachable API (real backoff): {outcome.status} after {seconds:.1f} s, {len(lines)} progress "
          f"line(s), {retries} retry line(s), error of {len(outcome.error.splitlines())} line(s): {outcome.error}")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as first, tempfile.TemporaryDirectory() as second:
        scenarios(Path(first))
        unreachable(Path(second))
    sys.exit(0)
