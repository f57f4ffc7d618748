"""The export path: paste-ready HTML and a phone-width preview page, with the images beside them.

``export/wechat/<issue>/content.html`` is the article body to paste into the WeChat editor;
``preview.html`` shows it in a 375px column (with ``no-referrer``, so mmbiz images also load outside
WeChat); ``images/`` holds each image as WeChat would receive it (transcoded, under 1 MB).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from leotalk_publish.adapters.wechat.images import acceptable
from leotalk_publish.adapters.wechat.payload import WechatPayload
from leotalk_publish.adapters.wechat.size import with_image_urls
from leotalk_publish.channel import PushContext, PushResult, Rendition
from leotalk_publish.ledger import atomic_write

PAGE = """<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
</head>
<body style="margin:0;background:#ededed">
<main style="max-width:375px;margin:24px auto;padding:20px 16px;background:#fff;box-shadow:0 2px 12px #0002">
<h1 style="font-size:22px;line-height:1.4;margin:0 0 8px">{title}</h1>
<p style="font-size:13px;color:#888;margin:0 0 20px">{author}</p>
{content}
</main>
</body>
</html>
"""


def export_dir(project: Path, issue_id: str) -> Path:
    return project / "export" / "wechat" / issue_id


def export(rendition: Rendition, ctx: PushContext) -> PushResult:
    """Write content.html, preview.html, article.json and images/; nothing leaves the machine."""
    payload: WechatPayload = rendition.payload
    folder = export_dir(ctx.project, rendition.issue_id)
    files = image_files(rendition)
    content = with_image_urls(payload.content, {src: f"images/{name}" for src, (name, _) in files.items()})
    for name, data in {name: data for name, data in files.values()}.items():
        atomic_write(folder / "images" / name, data)
    atomic_write(folder / "content.html", content.encode("utf-8") + b"\n")
    atomic_write(folder / "article.json", rendition.documents["article.json"].encode("utf-8"))
    atomic_write(folder / "preview.html", preview_page(content, payload).encode("utf-8"))
    shown = ctx.shown(folder)
    ctx.report(f"wrote {shown} (content.html to paste, preview.html to look at, {len(files)} image(s))")
    return PushResult("export", shown, (
        f"paste content.html into the editor at https://mp.weixin.qq.com and upload the images from {shown}/images",))


def image_files(rendition: Rendition) -> dict[str, tuple[str, bytes]]:
    """src → (file name under images/, bytes WeChat would accept)."""
    files = {}
    for number, asset in enumerate(rendition.assets, start=1):
        upload = acceptable(asset)
        files[asset.src] = (f"{number:02d}-{upload.filename}", upload.data)
    return files


def preview_page(content: str, payload: WechatPayload) -> str:
    return PAGE.format(title=escape(payload.fields["title"]), author=escape(payload.fields.get("author", "")),
                       content=content)
