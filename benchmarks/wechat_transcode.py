"""WeChat's transcoding of many images: serial, in parallel as the run chooses (cores, memory budget), and in
8 threads as before (one per upload), for a seed-sized issue (30 images) and a 300-image one — wall time and
peak memory of each, in a fresh process each (``ru_maxrss`` from ``wait4``, as ``/usr/bin/time -v``). Then
the export twice, with one paragraph edited between: the second transcodes nothing (the content-hash cache).

The images are WebP photos of 1200×800 (WeChat takes only JPEG and PNG, so every one is transcoded), made by
``many_images.write_issue``. Run from the project root: python3 benchmarks/wechat_transcode.py [30,300]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from many_images import PUBLISH, ROOT, clean_env, project

CHILD = """import sys, time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from leotalk_publish.load import load_issue
from leotalk_publish.adapters.wechat.images import Transcoder
assets = list(load_issue(Path(sys.argv[1]), "issue-1").assets.values())
workers = None if sys.argv[2] == "auto" else int(sys.argv[2])
transcoder = Transcoder(assets, workers=workers)
start = time.perf_counter()
with transcoder, ThreadPoolExecutor(max_workers=8) as pool:  # the upload pool: 8 threads, as a push has
    for upload in pool.map(transcoder.acceptable, assets):
        del upload  # sent, then dropped
print(f"{transcoder.workers} {time.perf_counter() - start:.3f} {transcoder.transcoded}")
"""


def transcode(root: Path, workers: str, cache: Path) -> tuple[str, float, float]:
    """(workers chosen, seconds transcoding, peak RSS MiB) in a fresh process with an empty cache."""
    env = {**clean_env(cache), "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(root / "drafts"), workers], env=env,
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    out = child.stdout.read().split()
    _, status, usage = os.wait4(child.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0 and len(out) == 3, out
    return out[0], float(out[1]), usage.ru_maxrss / 1024


def exports(root: Path, cache: Path) -> None:
    argv = [str(PUBLISH), "issue-1", "--export", "-c", "wechat", "--project", str(root)]
    env = clean_env(cache)
    for label in ("first export", "after a text edit"):
        start = time.perf_counter()
        done = subprocess.run(argv, env=env, capture_output=True, text=True)
        wall = time.perf_counter() - start
        said = next((line for line in done.stdout.splitlines() if "transcoded" in line), done.stderr[-200:])
        print(f"  publish --export -c wechat, {label}: {wall * 1000:.0f} ms; {said.strip()}")
        index = root / "drafts" / "issue-1" / "index.md"
        index.write_text(index.read_text(encoding="utf-8").replace("一段说明文字", "一段改过的说明文字", 1),
                         encoding="utf-8")


def main() -> None:
    counts = [int(n) for n in sys.argv[1].split(",")] if len(sys.argv) > 1 else [30, 300]
    for count in counts:
        with tempfile.TemporaryDirectory() as tmp:
            root = project(Path(tmp), count, fmt="WEBP")
            print(f"{count} WebP images of 1200×800:")
            for n, workers in enumerate(("1", "auto", "8", "1", "auto", "8")):
                chosen, seconds, peak = transcode(root, workers, Path(tmp) / f"cache-{n}")
                label = {"1": "serial", "auto": f"as chosen ({chosen} at a time)", "8": "8 at a time (before)"}
                print(f"  {label[workers]}: {seconds * 1000:.0f} ms, peak RSS {peak:.1f} MiB")
            exports(root, Path(tmp) / "cache-export")


if __name__ == "__main__":
    main()
