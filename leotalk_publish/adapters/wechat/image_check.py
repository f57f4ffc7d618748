"""What ``check`` foresees about the issue's images on WeChat, from what load already knows of each (its
size, pixel width and height, type): no image is opened or decoded here.

Each problem points at the image's first line in index.md (the cover's front matter line for a cover that
is not in the body): an image the transcoder cannot make acceptable (``limits.transcode_problem``).
"""

from __future__ import annotations

from leotalk_publish import model as m
from leotalk_publish.adapters.wechat.article import cover_src
from leotalk_publish.adapters.wechat.limits import BODY_LIMIT, COVER_LIMIT, transcode_problem
from leotalk_publish.adapters.wechat.settings import WechatSettings
from leotalk_publish.errors import Problem

FIX = "crop it or resize it (or cut it into several images)"


def image_problems(issue: m.Issue, settings: WechatSettings) -> list[Problem]:
    """One problem per image WeChat's copy cannot (error) or will likely not (warning) be made of."""
    problems = []
    for asset, line, limit in sent_images(issue, settings):
        severity, what = transcode_problem(asset, limit)
        if severity:
            problems.append(Problem(issue.at(line), what, FIX, severity=severity))
    return problems


def sent_images(issue: m.Issue, settings: WechatSettings) -> list[tuple[m.Asset, int, int]]:
    """(asset, its first line, the byte limit its copy has) for each file WeChat receives, each once: body
    images under ``media/uploadimg``'s limit, a cover only in the front matter under ``add_material``'s
    when the API is used (an export writes every image as a body image)."""
    lines: dict[str, int] = {}
    for image in m.all_images(issue.document):
        lines.setdefault(image.src, image.line)
    sent = [(issue.assets[src], line, BODY_LIMIT) for src, line in lines.items() if src in issue.assets]
    cover = cover_src(issue)
    if cover in issue.assets and cover not in lines:
        limit = COVER_LIMIT if settings.has_credentials else BODY_LIMIT
        sent.append((issue.assets[cover], issue.meta.line_of(("cover",), channel="wechat"), limit))
    return sent
