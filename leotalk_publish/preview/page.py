"""The preview's HTML: the page with one column per channel, and each pane's own document (in an iframe, so a
channel's styles never leak into another's). The page asks ``/state`` (long polling) and reloads the panes
when the draft changed; the page itself is never reloaded."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .panes import Preview

# WeChat's article fonts (as its web view declares them) and its body size.
WECHAT_FONTS = ('-apple-system-font, BlinkMacSystemFont, "Helvetica Neue", "PingFang SC", "Hiragino Sans GB", '
                '"Microsoft YaHei UI", "Microsoft YaHei", Arial, sans-serif')

FRAME_CSS = {
    "phone": f"body {{ margin: 0; padding: 20px 16px; font-family: {WECHAT_FONTS}; font-size: 17px; "
             "line-height: 1.6; color: rgba(0,0,0,0.9); background: #fff; } img { max-width: 100%; } "
             ".rich_media_title { font-size: 22px; line-height: 1.4; margin: 0 0 8px; } "
             ".rich_media_meta { font-size: 15px; color: rgba(0,0,0,0.3); margin: 0 0 22px; }",
    "page": "body { margin: 0 auto; padding: 16px 24px; max-width: 720px; font-family: Georgia, 'Noto Serif CJK SC', "
            "serif; font-size: 17px; line-height: 1.7; color: #222; } img { max-width: 100%; } "
            "figure { margin: 1.2em 0; } figcaption { font-size: 14px; color: #666; } "
            ".subtitle { color: #666; font-size: 19px; } pre { white-space: pre-wrap; background: #f6f6f6; "
            "padding: 8px; } table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: 4px; }",
}

PANE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer">
<base href="/draft/"><style>{css}</style></head>
<body data-channel="{channel}">{html}</body></html>
"""

PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>preview: {issue}</title>
<style>
body {{ margin: 0; font: 14px/1.4 system-ui, sans-serif; background: #e9e9ec; }}
header {{ padding: 8px 16px; background: #222; color: #eee; display: flex; gap: 16px; align-items: baseline; }}
header .status {{ color: #9c9; }} header .status.bad {{ color: #f99; }}
#issue-problems {{ margin: 0; padding: 4px 16px; background: #fee; color: #900; }}
#issue-problems:empty {{ display: none; }}
main {{ display: flex; gap: 12px; padding: 12px; align-items: flex-start; }}
.pane {{ flex: 1 1 0; min-width: 0; background: #fff; border-radius: 6px; box-shadow: 0 1px 4px #0002; }}
.pane.phone {{ flex: 0 0 auto; background: transparent; box-shadow: none; }}
.pane h2 {{ margin: 0; padding: 8px 12px; font-size: 15px; }}
.facts, .problems {{ margin: 0; padding: 0 12px 6px 28px; font-size: 12px; color: #555; }}
.problems {{ color: #a00; }} .problems:empty {{ display: none; }}
.over {{ color: #a00; font-weight: bold; }}
iframe {{ width: 100%; height: calc(100vh - 170px); border: 0; display: block; }}
.phone .device {{ width: 375px; border: 12px solid #111; border-radius: 36px; overflow: hidden;
  background: #fff; box-shadow: 0 4px 16px #0004; }}
.phone iframe {{ height: 667px; }}
</style></head>
<body>
<header><b>leotalk preview</b><span>{issue}</span><span class="status" id="status">watching for changes</span></header>
<ul id="issue-problems">{problems}</ul>
<main id="panes">{panes}</main>
<script>
let version = {version};
function fill(list, lines) {{
  list.replaceChildren(...lines.map(line => {{ const li = document.createElement("li"); li.textContent = line;
    return li; }}));
}}
function update(state) {{
  fill(document.getElementById("issue-problems"), state.problems);
  const status = document.getElementById("status");
  status.textContent = state.error || ("updated " + new Date().toLocaleTimeString());
  status.className = state.error ? "status bad" : "status";
  for (const pane of state.panes) {{
    const box = document.querySelector(`.pane[data-channel="${{pane.channel}}"]`);
    if (!box) continue;
    fill(box.querySelector(".facts"), pane.facts);
    fill(box.querySelector(".problems"), pane.problems);
    box.querySelector(".facts").classList.toggle("over", pane.over_limit);
    box.querySelector("iframe").src = `/pane/${{pane.channel}}?v=${{state.version}}`;
  }}
}}
async function poll() {{
  let wait = 0;
  try {{
    const state = await (await fetch(`/state?since=${{version}}`)).json();  // answers when something changed
    if (state.version !== version) {{ version = state.version; update(state); }}
  }} catch (e) {{ document.getElementById("status").textContent = "preview server stopped"; wait = 1000; }}
  setTimeout(poll, wait);
}}
poll();
</script>
</body></html>
"""

PANE_BOX = """<section class="pane {frame}" data-channel="{channel}"><h2>{title}</h2>
<ul class="facts{over}">{facts}</ul><ul class="problems">{problems}</ul>
{frame_open}<iframe title="{title}" src="/pane/{channel}?v={version}"></iframe>{frame_close}</section>"""


def pane_document(channel: str, frame: str, html: str) -> str:
    return PANE.format(css=FRAME_CSS.get(frame, FRAME_CSS["page"]), channel=escape(channel), html=html)


def _items(lines: Iterable[str]) -> str:
    return "".join(f"<li>{escape(line)}</li>" for line in lines)


def page(issue: str, preview: Preview, version: int) -> str:
    """The whole page as first served; later changes arrive through ``/state``."""
    boxes = "\n".join(PANE_BOX.format(
        frame=p.frame, channel=escape(p.channel), title=escape(p.title), facts=_items(p.facts),
        problems=_items(p.problems), version=version, over=" over" if p.over_limit else "",
        frame_open='<div class="device">' if p.frame == "phone" else "",
        frame_close="</div>" if p.frame == "phone" else "") for p in preview.panes)
    return PAGE.format(issue=escape(issue), panes=boxes, version=version, problems=_items(preview.problems))
