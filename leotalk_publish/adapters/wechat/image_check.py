"""What ``check`` foresees about the issue's images on WeChat, from what load already knows of each (its
size, pixel width and height, type): no image is opened or decoded here.

Each problem points at the image's first line in index.md (the cover's front matter line for a cover that
is not in the body): an image the transcoder cannot make acceptable (``limits.transcode_problem``), and an
animated GIF or WebP that must be transcoded, of which WeChat shows the first frame only (the article body
takes only JPEG and PNG; a cover may be a GIF, and a GIF cover goes as it is). Whether an image is animated
is read from its container, never its pixels (``animation.py``).
"""

from __future__ import annotations

from leotalk_publish import model as m
from leotalk_publish.adapters.wechat.animation import is_animated
from leotalk_publish.adapters.wechat.article import cover_src
from leotalk_publish.adapters.wechat.limits import (
    ACCEPTED,
    BODY_LIMIT,
    COVER_ACCEPTED,
    COVER_LIMIT,
    Formats,
    needs_transcoding,
    transcode_problem,
)
from leotalk_publish.adapters.wechat.settings import WechatSettings
from leotalk_publish.errors import Problem

FIX = "crop it or resize it (or cut it into several images)"
STILL_FIX = ("keep it if its first frame says enough; else use a still image that does, or link to the "
             "animation (the blog and Substack show it animated)")


def image_problems(issue: m.Issue, settings: WechatSettings) -> list[Problem]:
    """One problem per image WeChat's copy cannot (error) or will likely not (warning) be made of."""
    problems = []
    for asset, line, limit, formats in sent_images(issue, settings):
        severity, what = transcode_problem(asset, limit, formats)
        if severity:
            problems.append(Problem(issue.at(line), what, FIX, severity=severity))
        if needs_transcoding(asset, limit, formats) and is_animated(asset):
            problems.append(Problem(issue.at(line), still_only(asset, formats), STILL_FIX, severity="warning"))
    return problems


def still_only(asset: m.Asset, formats: Formats) -> str:
    """Why WeChat will show only the first frame of the animated ``asset``."""
    kind = asset.mime.removeprefix("image/").upper()
    if formats is ACCEPTED:
        reason = "an article's images may only be JPEG or PNG"
    elif asset.mime not in formats:
        reason = "a cover may be a GIF but not a WebP"
    else:
        reason = "a cover GIF must be under 10 MB"
    return (f"image '{asset.src}' is an animated {kind}: WeChat gets a still copy of it ({reason}), so it shows "
            "only the first frame")


def sent_images(issue: m.Issue, settings: WechatSettings) -> list[tuple[m.Asset, int, int, Formats]]:
    """(asset, its first line, the byte limit and the types its copy has) for each file WeChat receives,
    each once: body images as ``media/uploadimg`` takes them, a cover only in the front matter as
    ``add_material`` does when the API is used (an export writes every image as a body image)."""
    lines: dict[str, int] = {}
    for image in m.all_images(issue.document):
        lines.setdefault(image.src, image.line)
    sent: list[tuple[m.Asset, int, int, Formats]] = [
        (issue.assets[src], line, BODY_LIMIT, ACCEPTED) for src, line in lines.items() if src in issue.assets]
    cover = cover_src(issue)
    if cover in issue.assets and cover not in lines:
        limit, formats = (COVER_LIMIT, COVER_ACCEPTED) if settings.has_credentials else (BODY_LIMIT, ACCEPTED)
        sent.append((issue.assets[cover], issue.meta.line_of(("cover",), channel="wechat"), limit, formats))
    return sent
