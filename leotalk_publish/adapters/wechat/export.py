"""The export path: paste-ready HTML and a phone-width preview page, with the images beside them.

``export/wechat/<issue>/content.html`` is the article body to paste into the WeChat editor (one block per
line, which the editor ignores); a split issue has ``content-1.html`` … one per article. ``preview.html``
shows every article in a 375px column as WeChat shows it: WeChat's fonts (the system sans-serif, PingFang SC
on iPhones), its article defaults (no margin on ``p``, images no wider than the column) and ``no-referrer``,
so mmbiz images also load outside WeChat; ``images/`` holds each image as WeChat would receive it.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from urllib.parse import quote, unquote

from leotalk_publish.adapters.wechat.images import Transcoder
from leotalk_publish.adapters.wechat.payload import WechatArticle, WechatPayload, WechatRendition
from leotalk_publish.adapters.wechat.readable import one_block_per_line
from leotalk_publish.adapters.wechat.size import with_image_urls
from leotalk_publish.channel import PushContext, PushResult
from leotalk_publish.ledger import atomic_write
from leotalk_publish.model import Asset

FONTS = ('-apple-system,BlinkMacSystemFont,"Helvetica Neue","PingFang SC","Hiragino Sans GB",'
         '"Microsoft YaHei UI","Microsoft YaHei",Arial,sans-serif')
PAGE = """<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body{{margin:0;background:#ededed;font-family:{fonts}}}
.phone{{max-width:375px;margin:0 auto;background:#fff}}
.rich_media_content p,.rich_media_content h1,.rich_media_content h2,.rich_media_content h3,.rich_media_content h4,
.rich_media_content h5,.rich_media_content h6,.rich_media_content blockquote{{margin:0;padding:0}}
.rich_media_content *{{max-width:100%;box-sizing:border-box;word-wrap:break-word}}
</style>
</head>
<body>
{articles}
</body>
</html>
"""
ARTICLE = """<main class="phone" style="padding:20px 16px;margin-bottom:24px">
<h1 style="font-size:22px;line-height:1.4;margin:0 0 8px">{title}</h1>
<p style="font-size:13px;color:#888;margin:0 0 20px">{author}</p>
<section class="rich_media_content">
{content}</section>
</main>"""


def export_dir(project: Path, issue_id: str) -> Path:
    return project / "export" / "wechat" / issue_id


def export(rendition: WechatRendition, ctx: PushContext) -> PushResult:
    """Write the article(s), preview.html, article.json and images/; nothing leaves the machine."""
    payload: WechatPayload = rendition.payload
    folder = export_dir(ctx.project, rendition.issue_id)
    files, transcoded = write_images(rendition, folder / "images")
    local = {src: f"images/{quote(name)}" for src, name in files.items()}  # the HTML's src: the name, encoded
    contents = [with_image_urls(article.content, local) for article in payload.fit.articles]
    names = content_names(len(contents))
    for name, content in zip(names, contents, strict=True):
        atomic_write(folder / name, one_block_per_line(content).encode("utf-8"))
    for name, text in rendition.documents.items():
        if name.endswith(".json"):
            atomic_write(folder / name, text.encode("utf-8"))
    atomic_write(folder / "preview.html", preview_page(contents, payload.fit.articles).encode("utf-8"))
    shown = ctx.shown(folder)
    step = f"; as {payload.fit.step} ({payload.fit.note})" if payload.chosen else ""
    ctx.report(f"wrote {shown} ({', '.join(names)} to paste, preview.html to look at, {len(files)} image(s)){step}")
    if transcoded:
        ctx.report(f"images: {transcoded}")
    return PushResult("export", shown, (
        f"paste {names[0]} into the editor at https://mp.weixin.qq.com and upload the images from "
        f"{shown}/images" + (f"; each of {', '.join(names)} is one article of the draft" if len(names) > 1 else ""),))


def content_names(count: int) -> list[str]:
    return ["content.html"] if count == 1 else [f"content-{n}.html" for n in range(1, count + 1)]


def write_images(rendition: WechatRendition, folder: Path) -> tuple[dict[str, str], str]:
    """Write each image as WeChat would receive it, as soon as it is ready (several at once, as the cores and
    memory allow; never all in memory): (src → file name under images/, what the transcoder did)."""
    from concurrent.futures import ThreadPoolExecutor
    transcoder = Transcoder(rendition.assets)

    def one(numbered: tuple[int, Asset]) -> tuple[str, str]:
        number, asset = numbered
        upload = transcoder.acceptable(asset)
        name = f"{number:02d}-{unquote(upload.filename).replace('/', '_')}"  # 图片.png, not %E5%9B%BE….png
        atomic_write(folder / name, upload.data)
        return asset.src, name

    with transcoder, ThreadPoolExecutor(max_workers=transcoder.workers) as pool:
        files = dict(pool.map(one, enumerate(rendition.assets, start=1)))
    return files, transcoder.summary()


def preview_page(contents: list[str], articles: tuple[WechatArticle, ...]) -> str:
    shown = "\n".join(ARTICLE.format(title=escape(article.fields["title"]),
                                     author=escape(article.fields.get("author", "")), content=one_block_per_line(c))
                      for c, article in zip(contents, articles, strict=True))
    return PAGE.format(title=escape(articles[0].fields["title"]), fonts=FONTS, articles=shown)
