"""Everything that would make a WeChat push fail, found before the first network call.

It works from what load and render computed: the front matter's key lines come with the issue (no second
read of index.md), and the fit ladder is the one render uses (``fit.build_payload`` keeps the last one).
The title rule is the corrected contract's: WeChat's docs say 32 characters, the editor takes 64, so a
title past 32 is a warning (some places cut it) and past 64 it is refused (45003); it replaces the stricter
32-character error of the shared field check.
"""

from __future__ import annotations

from leotalk_publish import model as m
from leotalk_publish.adapters.wechat import article as a
from leotalk_publish.adapters.wechat.fit import build_payload, fits_statically
from leotalk_publish.adapters.wechat.image_check import image_problems
from leotalk_publish.adapters.wechat.links import is_external
from leotalk_publish.adapters.wechat.payload import Fit, WechatPayload
from leotalk_publish.adapters.wechat.rawhtml import is_only_comment, raw_html_problem
from leotalk_publish.adapters.wechat.settings import WechatSettings
from leotalk_publish.adapters.wechat.size import breakdown, describe_breakdown, estimated, over_limit
from leotalk_publish.adapters.wechat.structure import structure_problems
from leotalk_publish.errors import Problem

MAX_PART_TITLE = 64  # what the editor and users report WeChat accepts
WARN_TITLE = 32  # past it WeChat's docs say a title may be cut
_SHARED_RULE = "the WeChat title is"


def check(issue: m.Issue, settings: WechatSettings) -> list[Problem]:
    """Every problem of the issue on WeChat, the title by the corrected rule."""
    return with_title_rule(check_issue(issue, settings), issue)


def check_issue(issue: m.Issue, settings: WechatSettings) -> list[Problem]:
    problems = field_problems(issue, settings)
    problems += raw_html_problems(issue) + link_problems(issue) + image_problems(issue, settings)
    problems += content_problems(issue, settings)
    if settings.has_credentials and not a.cover_src(issue):
        problems.append(Problem(issue.at(1), "WeChat needs a cover image and the issue has no image",
                                "add 'cover: images/cover.png' to the front matter"))
    return problems


def field_problems(issue: m.Issue, settings: WechatSettings) -> list[Problem]:
    """Title, author, digest and source link against the draft API's limits, each at its line."""
    problems = []
    fields = a.article_fields(issue, settings)  # the settings' templates were checked when they loaded
    limits = (("title", a.MAX_TITLE, ("title",)), ("author", a.MAX_AUTHOR, ("author",)),
              ("digest", a.MAX_DIGEST, ("digest", "summary", "subtitle", "description")))
    for name, limit, keys in limits:
        value = fields[name]
        if len(value) > limit:
            problems.append(Problem(
                issue.at(front_matter_line(issue, keys)),
                f"the WeChat {name} is {len(value)} characters; WeChat allows {limit}",
                f"shorten it, or set a shorter one for WeChat alone under 'wechat:' → '{name}:'"))
    if len(fields["content_source_url"].encode()) > a.MAX_SOURCE_URL_BYTES:
        problems.append(Problem("channels/wechat.toml", "content_source_url is longer than 1 KB",
                                "use a shorter address"))
    return problems


def raw_html_problems(issue: m.Issue) -> list[Problem]:
    """Raw HTML that WeChat cannot carry: reported, never silently dropped."""
    problems = []
    for block in m.document_blocks(issue.document):
        for html in _raw_html_of(block):
            reason = "" if is_only_comment(html) else raw_html_problem(html)
            if reason:
                problems.append(Problem(issue.at(block.line), f"raw HTML {reason}",
                                        "write it in Markdown (e.g. ![](images/x.png) for a figure), or remove it"))
    return problems


def _raw_html_of(block: m.Block) -> list[str]:
    if isinstance(block, m.RawBlock):
        return [block.html]
    return [n.html for n in m.block_inlines(block) if isinstance(n, m.RawInline)]


def link_problems(issue: m.Issue) -> list[Problem]:
    """Links that lead nowhere once the article leaves the blog (in-page or relative addresses)."""
    problems = []
    for block in m.document_blocks(issue.document):
        for link in (n for n in m.block_inlines(block) if isinstance(n, m.Link)):
            if not is_external(link.href):
                problems.append(Problem(issue.at(block.line),
                                        f"link '{link.href}' is not a web address; WeChat keeps only its text",
                                        "use a full https:// address", severity="warning"))
    return problems


def content_problems(issue: m.Issue, settings: WechatSettings) -> list[Problem]:
    """The theme's structure rules, and which rung of the fit ladder the content will go out as."""
    payload = build_payload(issue, settings)
    articles = {id(a): a for fit in (payload.fits[0], payload.fit) for a in fit.articles}.values()
    broken = {rule for article in articles for rule in structure_problems(article.content)}
    problems = [Problem("channels/wechat.css", f"the theme breaks WeChat's rules: {rule}",
                        "change or remove that rule in channels/wechat.css") for rule in sorted(broken)]
    return problems + fit_problems(issue, settings, payload)


def fit_problems(issue: m.Issue, settings: WechatSettings, payload: WechatPayload) -> list[Problem]:
    """An error when no rung fits (with what takes the room); a warning naming the step down otherwise."""
    fit = payload.fit
    if not fits_statically(fit):
        full = payload.fits[0]
        excess = over_limit(estimated(full.articles[0].content, settings.image_url_estimate))
        parts = describe_breakdown(breakdown(issue, settings))
        tried = ", ".join(f.step for f in payload.fits)
        return [Problem(issue.at(1), f"the WeChat article would be {excess} (markup and image addresses "
                        f"included) and no step of the fit ladder ({tried}) makes it fit; what takes the room: "
                        f"{parts}", "shorten the issue, add top-level headings to cut it at, allow more "
                        "fit_steps in channels/wechat.toml, or simplify channels/wechat.css")]
    if payload.chosen == 0:
        return []
    sizes = ", ".join(f"{size:,}" for size in fit.sizes)
    step = Problem(issue.at(1), f"the full theme would be {payload.fits[0].sizes[0]:,} characters, over "
                   f"WeChat's limit: it goes out as '{fit.step}' ({fit.note}; {sizes} characters)",
                   "shorten the issue to keep the full theme", severity="warning")
    return [*part_title_problems(fit), step]


def part_title_problems(fit: Fit) -> list[Problem]:
    """The titles ``part_title`` makes for a split issue: over 64 characters WeChat refuses, over 32 it may."""
    problems = []
    for article in fit.articles if len(fit.articles) > 1 else ():
        title = article.fields["title"]
        if len(title) > a.MAX_TITLE:
            problems.append(Problem(
                "channels/wechat.toml", f"the title of a part, '{title}', is {len(title)} characters; WeChat allows "
                f"{a.MAX_TITLE} (and refuses over {MAX_PART_TITLE})", "shorten part_title or the issue's WeChat title",
                severity="error" if len(title) > MAX_PART_TITLE else "warning"))
    return problems


def front_matter_line(issue: m.Issue, keys: tuple[str, ...]) -> int:
    """The line of the first of ``keys`` set under ``wechat:`` in the front matter, else at the top level
    (as load read it: index.md is not read again)."""
    return issue.meta.line_of(keys, channel="wechat")


def title_problems(issue: m.Issue) -> list[Problem]:
    title = issue.meta.title_for("wechat")
    if len(title) <= WARN_TITLE:
        return []
    where = issue.at(front_matter_line(issue, ("title",)))
    fix = "set a shorter one for WeChat alone under 'wechat:' → 'title:'"
    if len(title) > MAX_PART_TITLE:
        return [Problem(where, f"the WeChat title is {len(title)} characters; WeChat refuses more than "
                        f"{MAX_PART_TITLE}", fix)]
    return [Problem(where, f"the WeChat title is {len(title)} characters; past {WARN_TITLE} WeChat's docs say it "
                    "may be cut", fix, severity="warning")]


def with_title_rule(problems: list[Problem], issue: m.Issue) -> list[Problem]:
    """``problems`` without the shared check's title length rule, then this one."""
    return [p for p in problems if not p.what.startswith(_SHARED_RULE)] + title_problems(issue)
