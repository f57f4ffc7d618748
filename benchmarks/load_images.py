"""Loading an issue now that every image is decoded whole: the first load (a cold decode cache) and the next
ones (bytes already decoded once, found by hash), on the seed-sized issue (30 PNGs of 1200×800).

Run from the project root: python3 benchmarks/load_images.py [runs]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from common import median_ms, write_seed_sized_issue

from leotalk_publish.load import load_issue


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_seed_sized_issue(root)
        caches = iter(range(10_000))

        def cold() -> None:
            os.environ["LEOTALK_CACHE_DIR"] = str(root / "cache" / str(next(caches)))
            load_issue(root / "drafts", "issue-1")

        print(f"load, cold decode cache: {median_ms(cold, runs):7.1f} ms (median of {runs})")
        os.environ["LEOTALK_CACHE_DIR"] = str(root / "cache" / "warm")
        load_issue(root / "drafts", "issue-1")
        warm = median_ms(lambda: load_issue(root / "drafts", "issue-1"), runs)
        print(f"load, warm decode cache: {warm:7.1f} ms (median of {runs})")


if __name__ == "__main__":
    main()
