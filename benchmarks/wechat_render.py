"""WeChat renderer benchmark: content size against the 20,000-character limit, and render time.

Measures the shipped sample (drafts/issue-1) and, when ../shared is beside the repository, the real seed
issue (its Jekyll figures turned into Markdown images with placeholder PNGs, as the tests do).

Run from the project root: python3 benchmarks/wechat_render.py [runs]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from common import median_ms  # noqa: E402

from leotalk_publish.adapters.wechat import fit  # noqa: E402
from leotalk_publish.adapters.wechat.adapter import ADAPTER  # noqa: E402
from leotalk_publish.adapters.wechat.settings import load_settings  # noqa: E402
from leotalk_publish.adapters.wechat.size import MAX_CHARS, breakdown, describe_breakdown, estimated  # noqa: E402
from leotalk_publish.load import load_issue  # noqa: E402

SEED = ROOT.parent / "shared" / "seeds" / "leotalk-ai-weekly-1.md"


def measure(name: str, drafts: Path, runs: int) -> None:
    settings = load_settings(ROOT, {})
    issue = load_issue(drafts, "issue-1")
    content = ADAPTER.render(issue, settings).payload.content
    sent = estimated(content, settings.image_url_estimate)
    print(f"== {name}: {len(issue.assets)} images")
    print(f"  content, local image paths:       {len(content):>7,} characters")
    print(f"  content as sent (image addresses of {settings.image_url_estimate} chars): {len(sent):>7,} characters, "
          f"{len(sent.encode()):,} bytes; headroom {MAX_CHARS - 1 - len(sent):,} characters")
    print(f"  by kind: {describe_breakdown(breakdown(issue, settings))}")
    print(f"  load:   {median_ms(lambda: load_issue(drafts, 'issue-1'), runs):7.2f} ms (median of {runs})")
    render = median_ms(lambda: fresh(ADAPTER.render, issue, settings), runs)
    print(f"  render: {render:7.2f} ms (every rung of the fit ladder)")
    print(f"  check:  {median_ms(lambda: fresh(ADAPTER.check, issue, settings), runs):7.2f} ms")
    both = median_ms(lambda: (fresh(ADAPTER.check, issue, settings), ADAPTER.render(issue, settings)), runs)
    print(f"  check, then render (as a run does; they share the ladder): {both:7.2f} ms")


def fresh(call, issue, settings):
    """``call`` with the fit ladder built anew, as in a new process."""
    fit._LAST.clear()
    return call(issue, settings)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    if (ROOT / "drafts" / "issue-1" / "index.md").exists():
        measure("sample drafts/issue-1", ROOT / "drafts", runs)
    if SEED.exists():
        from tests.wechat.seed_draft import seed_as_draft
        with tempfile.TemporaryDirectory() as tmp:
            seed_as_draft(SEED.read_text(encoding="utf-8"), Path(tmp) / "issue-1")
            measure("seed issue (../shared/seeds/leotalk-ai-weekly-1.md)", Path(tmp), runs)


if __name__ == "__main__":
    main()
