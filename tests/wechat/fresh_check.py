"""WeChat's ``check`` in a fresh Python process: what it found, and whether it imported Pillow's imaging module.

Two tests use it to show that a check of images seen before (the decode cache knows them) opens no image:
``counted`` is the words a problem must hold to be counted ("" counts every problem).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROBE = """import sys
from pathlib import Path
from leotalk_publish.adapters.wechat.adapter import ADAPTER
from leotalk_publish.load import load_issue
project, counted = Path(sys.argv[1]), sys.argv[2]
problems = ADAPTER.check(load_issue(project / "drafts", "issue-1"), ADAPTER.load_settings(project, {}))
print(sum(counted in p.what for p in problems), "PIL.Image" in sys.modules)
"""


def fresh_check(project: Path, cache: Path, counted: str = "") -> str:
    """``"<problems counted> <Pillow's imaging module imported>"``, e.g. ``"1 False"``."""
    run = subprocess.run([sys.executable, "-c", PROBE, str(project), counted], capture_output=True, text=True,
                         env={"PATH": "/usr/bin:/bin", "LEOTALK_CACHE_DIR": str(cache)})
    assert run.returncode == 0, run.stderr
    return run.stdout.strip()
