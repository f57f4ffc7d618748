"""Whole-process render benchmark: `publish ISSUE --dry-run` for all three channels, start-up included,
side by side with pandoc (`pandoc -f gfm -t html`, a bare one-format conversion) and wenyan
(`@wenyan-md/core`, a Markdown → WeChat renderer) on the same index.md, in the same run.

The input is the seed issue (../shared/seeds) turned into a canonical draft with placeholder images, as the
tests do; without ../shared it falls back to the shipped sample drafts/issue-1. No credentials are passed and
every proxy variable points at a closed port; one extra run forbids sockets outright and lists which heavy
modules the dry run imported. The runs are interleaved (one of each per round); best and median are reported.

wenyan is installed on first use into ~/.cache/leotalk-publish/wenyan (or $WENYAN_DIR) with npm; without npm
that column is skipped. Python's bytecode cache goes to a cache folder ($PYTHONPYCACHEPREFIX), so the numbers
are those of an installed package even where PYTHONDONTWRITEBYTECODE is set.

Then, where the time goes: the start-up imports of one dry run (``python -X importtime``, self time summed
per top-level package) and, in-process, loading the issue and rendering each channel, for the seed-sized
issue and for one ten times its text.

Run from the project root: python3 benchmarks/render_whole_process.py [runs]
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from common import median_ms  # noqa: E402

SEED = ROOT.parent / "shared" / "seeds" / "leotalk-ai-weekly-1.md"
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "leotalk-publish"
WENYAN_DIR = Path(os.environ.get("WENYAN_DIR", CACHE / "wenyan"))
WENYAN_PACKAGES = ["@wenyan-md/core@3", "form-data-encoder@4", "formdata-node@6", "jsdom@27"]
WENYAN_SCRIPT = """import { readFileSync, writeFileSync } from "node:fs";
import { renderStyledContent } from "@wenyan-md/core/wrapper";
const md = readFileSync(process.argv[2], "utf8");
const html = await renderStyledContent(md, { themeId: "default", isAddFootnote: true });
writeFileSync(process.argv[3] || "/dev/null", html);
"""
TARGET_PANDOC, TARGET_WENYAN = 5.0, 0.3
HEAVY = ("httpx", "tenacity", "bs4", "pygments", "css_inline", "PIL", "pydantic_settings", "rich",
         "concurrent.futures", "filelock", "yaml", "markdown_it", "pydantic", "typer", "dotenv")
NO_NETWORK_RUN = """import socket, sys
def refuse(*args, **kwargs):
    raise OSError("benchmark: network is forbidden in a dry run")
socket.socket.connect = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
from leotalk_publish.launch import publish_main
try:
    publish_main()
except SystemExit as exc:
    code = exc.code
else:
    code = 0
heavy = [m for m in sys.argv_heavy if m in sys.modules]
print("imported:", ", ".join(heavy) or "none", file=sys.stderr)
sys.exit(code)
"""


def build_project(tmp: Path) -> Path:
    """A project with the seed-sized issue in drafts/issue-1 and this repository's channel settings."""
    folder = tmp / "drafts" / "issue-1"
    if SEED.exists():
        from tests.wechat.seed_draft import seed_as_draft
        seed_as_draft(SEED.read_text(encoding="utf-8"), folder)
    else:
        print(f"note: {SEED} not found; using the shipped sample drafts/issue-1")
        shutil.copytree(ROOT / "drafts" / "issue-1", folder)
    shutil.copytree(ROOT / "channels", tmp / "channels")
    return folder / "index.md"


def clean_env() -> dict[str, str]:
    """No credentials, every proxy at a closed port, bytecode cached outside the tree."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("WECHAT_", "SUBSTACK_", "LEOTALK_")) and k.lower() != "no_proxy"}
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        env[name] = "http://127.0.0.1:9"
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("PYTHONPYCACHEPREFIX", str(CACHE / "pycache"))
    return env


def publish_command() -> list[str]:
    """The installed ``publish`` script next to this interpreter (no version-manager shim in between)."""
    script = Path(sys.executable).parent / "publish"
    return [str(script)] if script.exists() else [sys.executable, "-m", "leotalk_publish", "publish"]


def wenyan_command(index: Path) -> list[str] | None:
    """``node render.mjs index.md``, installing wenyan into its cache folder on first use."""
    if not (shutil.which("node") and shutil.which("npm")):
        print("wenyan: skipped (node/npm not found); its column and the 0.3× target are not measured")
        return None
    if not (WENYAN_DIR / "node_modules" / "@wenyan-md" / "core").exists():
        print(f"wenyan: installing {' '.join(WENYAN_PACKAGES)} into {WENYAN_DIR} …")
        WENYAN_DIR.mkdir(parents=True, exist_ok=True)
        manifest = WENYAN_DIR / "package.json"  # npm installs beside the nearest one: make it this folder's
        if not manifest.exists():
            manifest.write_text('{"private": true}\n', encoding="utf-8")
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error", *WENYAN_PACKAGES],
                       cwd=WENYAN_DIR, check=True, stdout=subprocess.DEVNULL)
    (WENYAN_DIR / "render.mjs").write_text(WENYAN_SCRIPT, encoding="utf-8")
    return ["node", str(WENYAN_DIR / "render.mjs"), str(index), os.devnull]


def commands(project: Path, index: Path) -> dict[str, list[str]]:
    publish = [*publish_command(), "issue-1", "--dry-run", "--project", str(project)]
    table = {"python -c pass (interpreter start-up)": [sys.executable, "-c", "pass"],
             "publish --dry-run, blog,substack,wechat": publish}
    for channel in ("blog", "substack", "wechat"):
        table[f"publish --dry-run, {channel} alone"] = [*publish, "--channels", channel]
    if shutil.which("pandoc"):
        table["pandoc -f gfm -t html"] = ["pandoc", "-f", "gfm", "-t", "html", str(index), "-o", os.devnull]
    else:
        print("pandoc: skipped (not installed); the 5× target is not measured")
    wenyan = wenyan_command(index)
    if wenyan:
        table["wenyan (WeChat only)"] = wenyan
    return table


def check_no_network(project: Path, env: dict[str, str]) -> None:
    """One dry run with sockets forbidden; it must succeed. Prints the heavy modules it imported."""
    code = NO_NETWORK_RUN.replace("sys.argv_heavy", repr(HEAVY))
    args = [sys.executable, "-c", code, "issue-1", "--dry-run", "--project", str(project)]
    done = subprocess.run(args, env=env, capture_output=True, text=True)
    if done.returncode != 0 or "dry run: nothing was written." not in done.stdout:
        sys.exit(f"the dry run failed or reached for the network:\n{done.stderr[-2000:]}")
    print(f"dry run with sockets forbidden: ok; {done.stderr.strip().splitlines()[-1]}")


def run_once(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = (time.perf_counter() - start) * 1000
    if done.returncode != 0:
        sys.exit(f"{' '.join(args)} failed ({done.returncode}):\n{done.stderr.decode()[-2000:]}")
    return elapsed


def measure(table: dict[str, list[str]], env: dict[str, str], runs: int) -> dict[str, list[float]]:
    """Interleaved rounds after two warm-up rounds (bytecode caches written, files in the page cache)."""
    samples: dict[str, list[float]] = {name: [] for name in table}
    for round_ in range(runs + 2):
        for name, args in table.items():
            elapsed = run_once(args, env)
            if round_ >= 2:
                samples[name].append(elapsed)
    return samples


def report(samples: dict[str, list[float]], runs: int) -> None:
    medians = {name: statistics.median(values) for name, values in samples.items()}
    pandoc, wenyan = medians.get("pandoc -f gfm -t html"), medians.get("wenyan (WeChat only)")
    print(f"\n{'command':<42} {'best ms':>8} {'median ms':>10} {'× pandoc':>9} {'× wenyan':>9}")
    for name, values in samples.items():
        vs_pandoc = f"{medians[name] / pandoc:9.2f}" if pandoc else f"{'-':>9}"
        vs_wenyan = f"{medians[name] / wenyan:9.2f}" if wenyan else f"{'-':>9}"
        print(f"{name:<42} {min(values):8.1f} {medians[name]:10.1f} {vs_pandoc} {vs_wenyan}")
    ours = medians["publish --dry-run, blog,substack,wechat"]
    print(f"\n(median of {runs} interleaved runs each)")
    if pandoc:
        verdict = "met" if ours <= TARGET_PANDOC * pandoc else f"missed by {ours - TARGET_PANDOC * pandoc:.0f} ms"
        print(f"target ≤ {TARGET_PANDOC:g}× pandoc = {TARGET_PANDOC * pandoc:.0f} ms: {ours:.0f} ms, {verdict}")
    if wenyan:
        verdict = "met" if ours <= TARGET_WENYAN * wenyan else f"missed by {ours - TARGET_WENYAN * wenyan:.0f} ms"
        print(f"target ≤ {TARGET_WENYAN:g}× wenyan = {TARGET_WENYAN * wenyan:.0f} ms: {ours:.0f} ms, {verdict}")


def import_profile(project: Path, env: dict[str, str]) -> None:
    """Self time of every module a dry run imports, summed per top-level package (importtime's own cost
    inflates these; they rank the packages, the table above is the real wall time)."""
    command = publish_command()
    command = command[1:] if command[0] == sys.executable else command
    args = [sys.executable, "-X", "importtime", *command, "issue-1", "--dry-run", "--project", str(project)]
    lines = subprocess.run(args, env=env, capture_output=True, text=True).stderr.splitlines()
    totals: dict[str, int] = {}
    for line in lines[1:]:
        if line.startswith("import time:"):
            self_us, _, name = line[12:].split("|")
            package = name.strip().split(".")[0]
            key = name.strip().rsplit(".", 1)[0] if package == "leotalk_publish" else package
            totals[key] = totals.get(key, 0) + int(self_us)
    print(f"\nimports of one dry run, self time per package (total {sum(totals.values()) / 1000:.0f} ms):")
    ranked = sorted(totals.items(), key=lambda kv: -kv[1])
    print("  " + ", ".join(f"{name} {us / 1000:.1f}" for name, us in ranked[:16]))


def parse_ms(text: str, runs: int) -> float:
    """Front matter and Markdown only: the part of loading that is not reading and hashing images."""
    from leotalk_publish.frontmatter import parse_front_matter, split_front_matter
    from leotalk_publish.parse import parse_markdown

    def parse() -> None:
        yaml_text, body, offset = split_front_matter(text)
        parse_front_matter(yaml_text, "index.md")
        parse_markdown(body, line_offset=offset)
    return median_ms(parse, runs)


def check_and_render_ms(adapter, issue, project: Path, runs: int) -> float:
    settings = adapter.load_settings(project, {})
    return median_ms(lambda: (adapter.check(issue, settings), adapter.render(issue, settings)), runs)


def in_process(project: Path, runs: int) -> None:
    """Load and per-channel check + render, in-process, for the issue and one ten times its text."""
    from leotalk_publish.adapters import ORDER, get_adapter
    from leotalk_publish.load import load_issue
    big = project / "drafts" / "issue-10x"
    shutil.copytree(project / "drafts" / "issue-1", big)
    text = (big / "index.md").read_text(encoding="utf-8")
    end = text.index("\n---\n", 4) + 5
    (big / "index.md").write_text(text[:end] + text[end:] * 10, encoding="utf-8")
    print(f"\nin-process, median of {runs} (ms):  load (parse)   check+render: "
          + "  ".join(f"{n:>8}" for n in ORDER))
    for issue_id in ("issue-1", "issue-10x"):
        issue = load_issue(project / "drafts", issue_id)
        text = (project / "drafts" / issue_id / "index.md").read_text(encoding="utf-8")
        cells = [check_and_render_ms(get_adapter(name), issue, project, runs) for name in ORDER]
        load = median_ms(partial(load_issue, project / "drafts", issue_id), runs)
        print(f"  {issue_id:<10} ({len(text):>7,} chars) {load:6.1f} ({parse_ms(text, runs):5.1f})"
              f"{'':15}" + "  ".join(f"{c:8.1f}" for c in cells))


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    env = clean_env()
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        index = build_project(project)
        print(f"input: {index.stat().st_size:,} bytes of Markdown, "
              f"{len(list(index.parent.glob('images/*')))} images")
        table = commands(project, index)
        check_no_network(project, env)
        report(measure(table, env, runs), runs)
        import_profile(project, env)
        in_process(project, runs)


if __name__ == "__main__":
    main()
