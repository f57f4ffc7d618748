"""A dry run loads only what rendering needs: the network, retry and lock libraries stay out of start-up."""

from __future__ import annotations

import subprocess
import sys

PUSH_ONLY = ("httpx", "tenacity", "filelock", "bs4", "pydantic_settings")
PROBE = """
import sys
from leotalk_publish.cli import publish_main
sys.argv = ["publish", "issue-1", "--dry-run", "--project", sys.argv[1]]
try:
    publish_main()
except SystemExit as done:
    assert not done.code, done.code
print("imported=" + ",".join(m for m in {modules!r} if m in sys.modules))
"""


def test_a_dry_run_of_every_channel_imports_no_push_only_library(project, make_draft):
    make_draft("# 标题\n\n段落。\n\n![图](images/a.png)\n", images=("images/a.png",))
    run = subprocess.run([sys.executable, "-c", PROBE.format(modules=PUSH_ONLY), str(project)],
                         capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "CI": "true"})
    assert run.returncode == 0, run.stderr
    assert "== wechat ==" in run.stdout and "== substack ==" in run.stdout and "== blog ==" in run.stdout
    assert run.stdout.splitlines()[-1] == "imported=", run.stdout.splitlines()[-1]
