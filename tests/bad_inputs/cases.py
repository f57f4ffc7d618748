"""The corpus: one bad input per case, each with the exit code and the words its message must hold.

Every case starts from a valid project (``drafts/issue-1`` with one image, no settings files) and changes one
thing. ``where`` is the file (and line) the message must name. Front matter lines: '---' is line 1, the four
keys are lines 2–5, a line added by ``front(...)`` is line 6, the closing '---' follows, then the body (its
image on the third body line).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.bad_inputs.files import (
    BODY,
    corrupt_idat,
    front,
    nested_list,
    nested_quote,
    noisy,
    noisy_png,
    png_claiming,
    write,
)

INDEX = "drafts/issue-1/index.md"
IMAGE = "drafts/issue-1/images/x.png"


@dataclass(frozen=True)
class Case:
    name: str
    code: int
    expect: str  # words the message must contain
    where: str  # the file (and line) the message must name
    setup: Callable[[Path], None]
    args: tuple[str, ...] = ("issue-1",)
    env: tuple[tuple[str, str], ...] = ()  # set over the fakes' credentials and addresses


def index_text(text: str | bytes) -> Callable[[Path], None]:
    return lambda root: write(root / INDEX, text)


def fm(name: str, expect: str, line: int, *lines: str, drop: tuple[str, ...] = (), code: int = 2) -> Case:
    return Case(name, code, expect, f"index.md:{line}", index_text(front(*lines, drop=drop) + BODY))


def body(name: str, expect: str, line: int | None, text: str) -> Case:
    return Case(name, 2, expect, "index.md" + (f":{line}" if line else ""), index_text(front() + text))


def image(name: str, expect: str, data: Callable[[], bytes] | None = None,
          setup: Callable[[Path], None] | None = None, ref: str = "images/x.png") -> Case:
    def make(root: Path) -> None:
        write(root / INDEX, front() + BODY.replace("images/x.png", ref))
        if data is not None:
            (root / IMAGE).unlink(missing_ok=True)
            write(root / IMAGE, data())
        if setup is not None:
            setup(root)
    return Case(name, 2, expect, "index.md:9", make)


def settings(name: str, channel: str, content: str | bytes | None, expect: str,
             setup: Callable[[Path], None] | None = None, line: int | None = 1) -> Case:
    """A bad channels/<channel>.toml; the message must name the line that is wrong (``None``: the file)."""
    def make(root: Path) -> None:
        if content is not None:
            write(root / "channels" / f"{channel}.toml", content)
        if setup is not None:
            setup(root)
    return Case(name, 2, expect, f"channels/{channel}.toml" + (f":{line}" if line else ""), make)


def environment(name: str, variable: str, value: str, expect: str) -> Case:
    """A bad address in the environment: the message names the variable it came from."""
    return Case(name, 2, expect, f"{variable} (environment)", lambda root: None, env=((variable, value),))


def option(name: str, args: tuple[str, ...], expect: str, where: str, code: int = 2,
           setup: Callable[[Path], None] | None = None) -> Case:
    return Case(name, code, expect, where, setup or (lambda root: None), args)


def _symlink_index_outside(root: Path) -> None:
    outside = root / "outside.md"
    write(outside, front() + BODY)
    (root / INDEX).unlink()
    (root / INDEX).symlink_to(outside)


def _index_is_folder(root: Path) -> None:
    (root / INDEX).unlink()
    (root / INDEX).mkdir()


def _dangling_index(root: Path) -> None:
    (root / INDEX).unlink()
    (root / INDEX).symlink_to(root / "nowhere.md")


def _symlink_image_outside(root: Path) -> None:
    write(root / "outside.png", noisy_png())
    (root / IMAGE).unlink()
    (root / IMAGE).symlink_to(root / "outside.png")


def _dangling_image(root: Path) -> None:
    (root / IMAGE).unlink()
    (root / IMAGE).symlink_to(root / "nowhere.png")


def _image_is_folder(root: Path) -> None:
    (root / IMAGE).unlink()
    (root / IMAGE).mkdir()


def _folder_named(relative: str) -> Callable[[Path], None]:
    def make(root: Path) -> None:
        (root / relative).unlink(missing_ok=True)
        (root / relative).mkdir(parents=True)
    return make


def _file_named(relative: str, data: str = "x") -> Callable[[Path], None]:
    return lambda root: write(root / relative, data)


def _fifo(relative: str) -> Callable[[Path], None]:
    def make(root: Path) -> None:
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).unlink(missing_ok=True)
        os.mkfifo(root / relative)
    return make


def _draft_folder_links_outside(root: Path) -> None:
    (root / "drafts" / "issue-1").rename(root / "elsewhere")
    (root / "drafts" / "issue-1").symlink_to(root / "elsewhere")


def _outside_draft(root: Path) -> None:
    write(root / "outside" / "index.md", front() + BODY)


TRUNCATED_PNG = lambda: noisy_png()[:-400]  # noqa: E731 - a table of one-line writers
FRONT_FOR_LINE = front()  # 6 lines: the body starts on line 7

FRONT_MATTER = [
    Case("no front matter", 2, "no front matter", "index.md:1", index_text("# 标题\n\n正文\n")),
    Case("empty file", 2, "no front matter", "index.md:1", index_text("")),
    Case("closing --- missing", 2, "never closed", "index.md:1",
         index_text(front().removesuffix("---\n") + BODY)),
    Case("opening --- missing", 2, "no opening '---'", "index.md:1",
         index_text(front().removeprefix("---\n") + BODY)),
    Case("closing --- missing after a BOM", 2, "never closed", "index.md:1",
         index_text("\ufeff" + front().removesuffix("---\n") + BODY)),
    Case("closing --- missing with CRLF", 2, "never closed", "index.md:1",
         index_text((front().removesuffix("---\n") + BODY).replace("\n", "\r\n"))),
    Case("empty front matter", 2, "front matter is empty", "index.md:1", index_text("---\n---\n" + BODY)),
    Case("front matter a list", 2, "not a mapping", "index.md:2", index_text("---\n- a\n- b\n---\n" + BODY)),
    Case("front matter a scalar", 2, "not a mapping", "index.md:2", index_text("---\njust words\n---\n" + BODY)),
    fm("yaml error", "not valid YAML", 5, "title: 测试: 周刊", drop=("title",)),
    fm("tab indentation", "not valid YAML", 7, "wechat:\n\ttitle: 短"),
    fm("missing title", "lacks 'title'", 1, drop=("title",)),
    fm("missing date", "lacks 'date'", 1, drop=("date",)),
    fm("empty title", "front matter 'title'", 5, 'title: ""', drop=("title",)),
    fm("blank title", "title is blank", 5, 'title: "   "', drop=("title",)),
    fm("title with a newline", "line break", 5, 'title: "第一行\\n第二行"', drop=("title",)),
    fm("title with a bell", "control character U+0007", 5, 'title: "周刊\\a"', drop=("title",)),
    fm("title with an escape", "control character U+001B", 5, 'title: "周刊\\e[31m"', drop=("title",)),
    fm("title with a line separator", "line break", 5, 'title: "周刊\\L尾"', drop=("title",)),
    fm("title a number", "valid string", 5, "title: 123", drop=("title",)),
    fm("title a list", "valid string", 5, "title: [a, b]", drop=("title",)),
    fm("title null", "valid string", 5, "title:", drop=("title",)),
    fm("date an integer", "is a number", 5, "date: 20250922", drop=("date",)),
    fm("date a float", "is a number", 5, "date: 1758499200.5", drop=("date",)),
    fm("date a quoted integer", "is a number", 5, 'date: "1758499200"', drop=("date",)),
    fm("date a boolean", "is a number", 5, "date: true", drop=("date",)),
    fm("date a day only", "has no time", 5, "date: 2025-09-22", drop=("date",)),
    fm("date without offset", "UTC offset", 5, "date: 2025-09-22T08:00:00", drop=("date",)),
    fm("date overflows in UTC", "outside 1970", 5, "date: 0001-01-01T00:00:00+14:00", drop=("date",)),
    fm("date at the end of time", "outside 1970", 5, "date: 9999-12-31T23:59:59-12:00", drop=("date",)),
    fm("date before 1970", "outside 1970", 5, "date: 1969-07-20T20:17:00+00:00", drop=("date",)),
    fm("date in words", "front matter 'date'", 5, "date: next monday", drop=("date",)),
    fm("date null", "front matter 'date'", 5, "date:", drop=("date",)),
    fm("date a list", "front matter 'date'", 5, "date: [2025-09-22T08:00:00+08:00]", drop=("date",)),
    fm("date impossible day", "front matter 'date'", 5, "date: 2025-02-30T08:00:00+08:00", drop=("date",)),
    fm("date offset out of range", "front matter 'date'", 5, "date: 2025-09-22T08:00:00+25:00", drop=("date",)),
    fm("unknown key", "did you mean 'title'", 6, "titel: 另一个标题"),
    fm("unknown override key", "unknown front matter key 'wechat.titel'", 7, "wechat:\n  titel: 短标题"),
    fm("override not a mapping", "front matter 'wechat'", 6, "wechat: 短标题"),
    fm("override title with a newline", "line break", 6, 'wechat:\n  title: "短\\n标题"'),
    fm("override digest with a control character", "control character", 6, 'wechat:\n  digest: "摘\\x00要"'),
    fm("bad slug", "lower-case letters", 5, "slug: Weekly_1!", drop=("slug",)),
    fm("slug a number", "front matter 'slug'", 5, "slug: 7", drop=("slug",)),
    fm("title given twice", "given twice", 6, 'title: "另一个"'),
    fm("date given twice", "given twice", 6, "date: 2025-09-23T08:00:00+08:00"),
    fm("title given twice, quoted", "given twice", 6, '"title": "另一个"'),
    fm("a block's key given twice", "given twice (first on line 7)", 8, "wechat:", "  title: 甲", "  title: 乙"),
    fm("a number of 5000 digits", "too long to read", 6, "summary: " + "7" * 5000),
    fm("a slug of 232 characters", "at most 120", 6, "slug: " + "a" * 232),
    fm("a channel's cover that does not exist", "does not exist", 7, "wechat:", "  cover: images/missing.png"),
    fm("a channel's cover outside the draft", "points outside the draft folder", 7, "wechat:",
       "  cover: ../../../../etc/passwd"),
    fm("a channel's cover on the web", "is not a local file", 7, "substack:", "  cover: https://example.com/c.png"),
    fm("a number of 5000 digits in a block", "too long to read", 7, "wechat:", "  digest: " + "7" * 5000),
    fm("tags a number", "front matter 'tags'", 5, "tags: 5", drop=("tags",)),
    fm("tags a mapping", "front matter 'tags'", 5, "tags: {a: 1}", drop=("tags",)),
    fm("a tag a number", "front matter 'tags.1'", 5, "tags: [AI, 7]", drop=("tags",)),
    fm("categories a mapping", "front matter 'categories'", 6, "categories: {a: b}"),
    fm("subtitle with a newline", "line break", 6, 'subtitle: "一\\n二"'),
    fm("author with a control character", "control character", 6, 'author: "Leo\\x08"'),
    fm("summary with a control character", "control character", 6, 'summary: "摘要\\x1f"'),
    fm("cover missing", "does not exist", 6, "cover: images/cover.png"),
    fm("cover absolute", "is absolute", 6, "cover: /etc/hosts"),
    fm("cover a URL", "not a local file", 6, "cover: https://example.com/c.png"),
    fm("cover outside", "outside the draft folder", 6, "cover: ../../outside.png"),
    fm("channels unknown", "myspace", 1, "channels: [myspace]"),
]

ENCODING = [
    Case("index.md in GBK", 2, "not UTF-8", "index.md:2", index_text((front() + "第一段\n").encode("gbk"))),
    Case("index.md in UTF-16", 2, "not UTF-8", "index.md:1", index_text((front() + BODY).encode("utf-16"))),
    Case("a Latin-1 byte in the front matter", 2, "not UTF-8", "index.md:2",
         index_text(front().replace("测试周刊", "caf\xe9").encode("latin-1", "replace"))),
    Case("a stray byte in the body", 2, "not UTF-8", "index.md:9",
         index_text(front().encode() + b"\xe4\xb8\xad\n\n\xff\n")),
    Case("index.md is a folder", 2, "index.md is a folder, not the draft's text", "index.md", _index_is_folder),
    Case("index.md is a dangling link", 2, "a link to a missing file", "index.md", _dangling_index),
    Case("index.md links outside its folder", 2, "outside the draft folder", "index.md",
         _symlink_index_outside),
    Case("the draft folder links outside drafts/", 2, "outside drafts/", "index.md", _draft_folder_links_outside),
]

BODY_CASES = [
    body("no body", "no body", 7, ""),
    body("a footnote defined and never referenced", "never referenced", 10, "正文[^a]。\n\n[^a]: 甲\n[^u]: 没人引用\n"),
    body("a table row with a cell more than its header", "cells beyond the header's", 9,
         "| 甲 | 乙 |\n|---|---|\n| 1 | 2 | 多出来 |\n"),
    body("a table cell with a bare '|' in code", "cells beyond the header's", 9,
         "| 命令 | 说明 |\n|---|---|\n| `a|b` | 管道 |\n"),
    body("a body of blank lines", "no body", 7, "\n\n   \n\t\n"),
    body("a list nested 17 levels", "nested more than 32 levels", 23, nested_list(17)),
    body("a list nested 40 levels", "nested more than 32 levels", 23, nested_list(40)),
    body("a quote nested 33 levels", "nested more than 32 levels", 7, nested_quote(33)),
    body("a quote nested 5000 levels", "nested more than 32 levels", 7, nested_quote(5000)),
    body("5000 list markers on one line", "nested more than 32 levels", 7, "- " * 5000 + "x\n"),
    body("quotes inside lists, too deep", "nested more than 32 levels", 7, "- > " * 12 + "层\n\n之后\n"),
    body("5000 nested asterisks", "nested more than 20 deep", 7, "*" * 5000 + "x" + "*" * 5000 + "\n"),
    body("5000 nested underscores", "nested more than 20 deep", 7, "_" * 5000 + "x" + "_" * 5000 + "\n"),
    body("45 asterisks around a word", "nested more than 20 deep", 7, "*" * 45 + "词" + "*" * 45 + "\n"),
    body("an unclosed comment", "unclosed HTML comment", 9, "第一段。\n\n<!-- 草稿\n\n后面的内容都会消失。\n"),
    body("an unclosed comment at the start", "unclosed HTML comment", 7, "<!--\n正文\n"),
    body("an unclosed script", "unclosed <script>", 9, "第一段。\n\n<script>\nalert(1)\n\n正文\n"),
    body("an unclosed pre", "unclosed <pre>", 9, "第一段。\n\n<pre>\n代码\n\n正文\n"),
    body("an unclosed style", "unclosed <style>", 9, "第一段。\n\n<style>\np{}\n\n正文\n"),
    body("an unclosed textarea", "unclosed <textarea>", 9, "第一段。\n\n<textarea>\n正文\n"),
    body("an unclosed processing instruction", "processing instruction", 9, "第一段。\n\n<?php\n正文\n"),
    body("an unclosed CDATA", "CDATA", 9, "第一段。\n\n<![CDATA[\n正文\n"),
    body("an undefined footnote", "has no definition", 7, "第一段。\n第二行引用了脚注[^src]。\n"),
    body("an undefined footnote in a list", "has no definition", 7, "- 条目[^a]\n"),
    body("an undefined footnote in a quote", "has no definition", 7, "> 引文[^q]\n"),
]

IMAGES = [
    image("image missing", "does not exist", setup=lambda root: (root / IMAGE).unlink()),
    image("image outside the folder", "outside the draft folder", ref="../../outside.png"),
    image("image outside, URL-encoded", "outside the draft folder", ref="%2e%2e/%2e%2e/outside.png"),
    image("image absolute", "is absolute", ref="/etc/hosts"),
    image("image a URL", "not a local file", ref="http://example.com/a.png"),
    image("image protocol-relative", "not a local file", ref="//example.com/a.png"),
    image("image a data URI", "not a local file", ref="data:image/png;base64,AAAA"),
    image("image a link outside", "outside the draft folder", setup=_symlink_image_outside),
    image("image a dangling link", "outside the draft folder", setup=_dangling_image),
    image("image a folder", "does not exist", setup=_image_is_folder),
    image("image empty", "not an image", data=lambda: b""),
    image("image text", "not an image", data=lambda: "这不是一张图片".encode()),
    image("image the draft itself", "not an image", ref="index.md"),
    image("image TIFF", "which no channel accepts", data=lambda: noisy("TIFF")),
    image("image PNG truncated", "truncated or corrupt", data=TRUNCATED_PNG),
    image("image PNG header only", "truncated or corrupt", data=lambda: noisy_png()[:60]),
    image("image PNG with corrupt pixels", "truncated or corrupt", data=lambda: corrupt_idat(noisy_png())),
    image("image JPEG truncated", "truncated or corrupt", data=lambda: noisy("JPEG")[:400]),
    image("image WebP truncated", "truncated or corrupt", data=lambda: noisy("WEBP")[:200]),
    image("image GIF truncated", "not an image", data=lambda: noisy("GIF")[:300]),
    image("image 30000x30000", "megapixels", data=lambda: png_claiming(30000, 30000)),
    image("image 144 megapixels", "megapixels", data=lambda: png_claiming(12000, 12000)),
    image("image 56 megapixels", "megapixels", data=lambda: png_claiming(8000, 7000)),
    image("image 1 x 60 million", "megapixels", data=lambda: png_claiming(1, 60_000_000)),
    image("image name of 240 bytes", "bytes long", ref="images/" + "长" * 80 + ".png",
          setup=lambda root: write(root / "drafts/issue-1/images" / ("长" * 80 + ".png"), noisy_png())),
]

SETTINGS = [
    settings("blog.toml not UTF-8", "blog", 'layout = "caf\xe9"'.encode("latin-1"), "not UTF-8"),
    settings("blog.toml a folder", "blog", None, "is a folder", setup=_folder_named("channels/blog.toml"),
             line=None),
    settings("blog.toml not TOML", "blog", "layout = post\n", "not valid TOML"),
    settings("blog.toml a wrong type", "blog", 'loading = "soon"\n', "'loading'"),
    settings("blog.toml a list for a string", "blog", "layout = [1]\n", "'layout'"),
    settings("blog posts_dir outside the site", "blog", 'posts_dir = "../../outside"\n', "a folder inside the site"),
    settings("blog images_dir absolute", "blog", 'images_dir = "/var/www/img"\n', "a folder inside the site"),
    settings("blog posts_dir climbing out", "blog", 'posts_dir = "_posts/../.."\n', "a folder inside the site"),
    settings("blog.toml an unknown key", "blog", 'layuot = "post"\n', "unknown setting"),
    settings("blog.toml a base address without a scheme", "blog", 'base_url = "leotalk.example"\n',
             "is not a web address"),
    settings("blog.toml a commit author without an email", "blog", 'commit_author = "Leo"\n', "is not a git author"),
    settings("blog.toml an empty site", "blog", 'site = ""\n', "names no folder"),
    settings("blog.toml a NUL in posts_dir", "blog", 'posts_dir = "a\\u0000b"\n', "control character"),
    settings("blog.toml a NUL in site", "blog", 'site = "a\\u0000b"\n', "control character"),
    settings("blog.toml a permalink style name", "blog", 'permalink = "pretty"\n', "starting with '/'"),
    environment("LEOTALK_BLOG_SITE blank", "LEOTALK_BLOG_SITE", " ", "names no folder"),
    settings("blog.toml window out of range", "blog", "midnight_window_hours = 99\n", "midnight_window_hours"),
    settings("blog.toml a FIFO", "blog", None, "is a folder, not a settings file",
             setup=_fifo("channels/blog.toml"), line=None),
    settings("substack.toml not UTF-8", "substack", b'publication = "\xff"', "not UTF-8"),
    settings("substack.toml a folder", "substack", None, "is a folder",
             setup=_folder_named("channels/substack.toml"), line=None),
    settings("substack.toml not TOML", "substack", "publication = \n", "not valid TOML"),
    settings("substack.toml a rate in words", "substack", 'requests_per_second = "fast"\n', "requests_per_second"),
    settings("substack.toml a zero rate", "substack", "requests_per_second = 0\n", "requests_per_second"),
    settings("substack.toml a vanishing rate", "substack", "requests_per_second = 1e-300\n", "requests_per_second"),
    settings("substack.toml a rate that is not a number", "substack", "requests_per_second = nan\n",
             "requests_per_second"),
    settings("substack.toml a cookie", "substack", 'cookie = "sid"\n', "SUBSTACK_COOKIE"),
    settings("substack.toml publish and schedule", "substack", "publish = true\nschedule = true\n",
             "two different acts", line=2),
    settings("substack.toml email without publishing", "substack", "send_email = true\n", "send_email"),
    settings("substack.toml a bad audience", "substack", 'audience = "friends"\n', "audience"),
    settings("substack.toml a bad publication", "substack", 'publication = "Leo Talk"\n', "publication"),
    settings("substack.toml too many uploads", "substack", "upload_concurrency = 99\n", "upload_concurrency"),
    settings("wechat.toml not UTF-8", "wechat", 'author = "\xe9"'.encode("latin-1"), "not UTF-8"),
    settings("wechat.toml a folder", "wechat", None, "is a folder", setup=_folder_named("channels/wechat.toml"),
             line=None),
    settings("wechat.toml not TOML", "wechat", "[[\n", "not valid TOML"),
    settings("wechat.toml an author too long", "wechat", 'author = "' + "长" * 17 + '"\n', "author"),
    settings("wechat.toml no uploads", "wechat", "upload_concurrency = 0\n", "upload_concurrency"),
    settings("wechat.toml an unknown key", "wechat", "publsh = true\n", "unknown setting"),
    settings("wechat.toml a string for a bool", "wechat", 'publish = "sometimes"\n', "publish"),
    settings("wechat.toml a negative poll", "wechat", "poll_interval_s = -1\n", "poll_interval_s"),
    Case("wechat.css not UTF-8", 2, "cannot be read", "channels/", lambda root: write(
        root / "channels" / "wechat.css", "p { color: red; } /* caf\xe9 */".encode("latin-1"))),
    settings("wechat.toml a source link with an unknown placeholder", "wechat",
             'content_source_url = "https://example.com/{year}/{nope}/"\n', "unknown placeholder {nope}"),
    settings("wechat.toml a source link with an unclosed brace", "wechat", 'content_source_url = "https://x/{year"\n',
             "is not a template"),
    settings("wechat.toml a part title with an attribute", "wechat", 'part_title = "{title.upper}"\n',
             "unknown placeholder {title.upper}"),
    settings("wechat.toml a part title with a number format for text", "wechat", 'part_title = "{title:d}"\n',
             "is not a template"),
    settings("wechat.toml a misspelled code style", "wechat", 'code_style = "monokay"\n', "did you mean monokai"),
    settings("substack.toml a number of 5000 digits", "substack", "upload_concurrency = 1" + "0" * 5000 + "\n",
             "too long to read"),
    settings("blog.toml an array nested 50000 deep", "blog", "x = " + "[" * 50_000 + "]" * 50_000 + "\n",
             "nested too deeply", line=None),
    settings("wechat.toml a part title padded to fill memory", "wechat", 'part_title = "{n:>4611686018427387903}"\n',
             "a width over"),
    settings("wechat.toml a source link padded to fill memory", "wechat",
             'content_source_url = "https://x.com/{slug:>4611686018427387903}"\n', "a width over"),
    settings("wechat.toml a part title with a nested placeholder", "wechat", 'part_title = "{n:{w}}"\n',
             "a nested placeholder"),
    settings("wechat.toml an image address estimate beyond reason", "wechat",
             "image_url_estimate = 9223372036854775807\n", "image_url_estimate"),
    settings("wechat.toml a proxy with a port that is no number", "wechat", 'proxy = "http://proxy:port"\n',
             "is not a proxy address"),
    settings("wechat.toml a proxy of an unknown scheme", "wechat", 'proxy = "htp://proxy:3128"\n',
             "is not a proxy address"),
    environment("WeChat's API base without a scheme", "LEOTALK_WECHAT_API_BASE", "api.weixin.qq.com",
                "is not a web address"),
    environment("WeChat's proxy of an unknown scheme", "LEOTALK_WECHAT_PROXY", "htp://user:pw@proxy:3128",
                "is not a proxy address"),
    environment("WeChat's proxy with a port out of range", "LEOTALK_WECHAT_PROXY", "proxy.example:99999",
                "is not a proxy address"),
    environment("HTTPS_PROXY that is not an address", "HTTPS_PROXY", "::bad", "is not a proxy address"),
    environment("HTTP_PROXY that is not an address (Substack's client reads it)", "HTTP_PROXY", "http://:3128",
                "is not a proxy address"),
    environment("Substack's API base of another scheme", "LEOTALK_SUBSTACK_API_BASE", "ftp://substack.com",
                "is not a web address"),
    Case(".env a quote left open", 2, "is not NAME=value", ".env:2",
         lambda root: write(root / ".env", 'A=1\nSUBSTACK_COOKIE="sid=abc\n')),
    Case(".env a name without a value", 2, "'WECHAT_APPID' has no value", ".env:1",
         lambda root: write(root / ".env", "WECHAT_APPID\nB=2\n")),
    Case(".env junk after a quoted value", 2, "is not NAME=value", ".env:1",
         lambda root: write(root / ".env", 'X="v"junk\n')),
    Case(".env a folder", 2, "cannot be read", ".env", lambda root: (root / ".env").mkdir()),
    Case("wechat.css a folder", 2, "is a folder, not a stylesheet", "channels/wechat.css",
         lambda root: (root / "channels" / "wechat.css").mkdir()),
    Case("ledger/snapshots a file", 2, "is a file where the ledger keeps its snapshots folder", "ledger/snapshots",
         lambda root: write(root / "ledger" / "snapshots", "in the way")),
    Case(".env not UTF-8", 2, "cannot be read", ".env", lambda root: write(root / ".env", b"WECHAT_APPID=\xff\xfe\n")),
]

OPTIONS = [
    option("summary file in a missing folder", ("issue-1", "--summary-file", "nope/x.txt"),
           "has no folder", "--summary-file nope/x.txt"),
    option("summary file a folder", ("issue-1", "--summary-file", "drafts"), "is a folder", "--summary-file drafts"),
    option("summary file the draft itself", ("issue-1", "--summary-file", "drafts/issue-1/index.md"),
           "is inside drafts/", "--summary-file drafts/issue-1/index.md"),
    option("summary file a settings file", ("issue-1", "--summary-file", "channels/substack.toml"),
           "is inside channels/", "--summary-file channels/substack.toml"),
    option("summary file a ledger", ("issue-1", "--summary-file", "ledger/issue-1.json"), "is inside ledger/",
           "--summary-file ledger/issue-1.json", setup=lambda root: write(root / "ledger/issue-1.json", "{}")),
    option("summary file the .env", ("issue-1", "--summary-file", ".env"), "is the project's .env",
           "--summary-file .env"),
    option("summary file under a file", ("issue-1", "--summary-file", "drafts/issue-1/index.md/x"),
           "has no folder", "--summary-file drafts/issue-1/index.md/x"),
    option("issue id going up", ("../outside",), "is not an issue id", "drafts/../outside", setup=_outside_draft),
    option("issue id with a slash", ("issue-1/images",), "is not an issue id", "drafts/issue-1/images"),
    option("issue id absolute", ("/tmp",), "is not an issue id", "drafts//tmp"),
    option("issue id a dot", (".",), "is not an issue id", "drafts/."),
    option("issue id two dots", ("..",), "is not an issue id", "drafts/.."),
    option("issue id empty", ("",), "is not an issue id", "drafts/"),
    option("issue id with a space", ("issue 1",), "is not an issue id", "drafts/issue 1"),
    option("issue id unknown", ("issue-9",), "draft not found", "drafts/issue-9/index.md"),
    option("--now without an offset", ("issue-1", "--now", "2025-09-22T08:00:00"), "UTC offset", "--now"),
    option("an unknown channel", ("issue-1", "--channels", "myspace"), "unknown channel(s) myspace", "myspace"),
    option("an issue and --due", ("issue-1", "--due"), "not both", "--due"),
    option("neither an issue nor --due", (), "not both and not neither", "--due"),
    option("ledger a file", ("issue-1",), "ledger folder cannot be written", "ledger",
           setup=_file_named("ledger", "not a folder")),
    option("ledger file not JSON", ("issue-1",), "the ledger cannot be", "ledger/issue-1.json",
           setup=_file_named("ledger/issue-1.json", "{not json")),
    option("ledger file not UTF-8", ("issue-1",), "the ledger cannot be", "ledger/issue-1.json",
           setup=lambda root: write(root / "ledger/issue-1.json", b"\xff\xfe{}")),
    option("ledger file a folder", ("issue-1",), "the ledger cannot be", "ledger/issue-1.json",
           setup=_folder_named("ledger/issue-1.json")),
    option("ledger journal a folder", ("issue-1",), "the ledger cannot be", "ledger/issue-1.journal",
           setup=_folder_named("ledger/issue-1.journal")),
    option("ledger journal not JSON lines", ("issue-1",), "not a journal entry", "ledger/issue-1.journal",
           setup=_file_named("ledger/issue-1.journal", "{not json\n")),
]

CORPUS: list[Case] = [*FRONT_MATTER, *ENCODING, *BODY_CASES, *IMAGES, *SETTINGS, *OPTIONS]
