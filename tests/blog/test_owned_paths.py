"""Properties of the blog's own folders: whatever a ledger holds, the blog only ever touches a post in
``_posts/`` or an image in ``assets/img/<post>/``, and reading the ledger never crashes."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from leotalk_publish.adapters.blog.ledger_check import ledger_problems
from leotalk_publish.adapters.blog.owned import is_image_path, is_post_path, owned_path
from leotalk_publish.adapters.blog.settings import BlogSettings
from leotalk_publish.ledger import Ledger
from tests.examples import examples

SETTINGS = BlogSettings(site=Path("/srv/site"))
PIECES = st.sampled_from(["_posts", "assets", "img", "..", ".", "", "_config.yml", "a.md", "x.png", ".git",
                          "/", "\\", "2025-01-01-a", "~", "%2e%2e", "a\x00b"])
PATHS = st.lists(PIECES, min_size=1, max_size=5).map("/".join) | st.text(max_size=30)
JSON = st.recursive(st.none() | st.booleans() | st.integers() | PATHS,
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(PATHS, inner, max_size=3),
                    max_leaves=10)


def inside(path: Path, folder: Path) -> bool:
    return folder in path.parents


@settings(max_examples=examples(500))
@given(PATHS)
def test_an_owned_path_is_always_inside_posts_or_the_images_folder(rel: str):
    path = owned_path(SETTINGS.site, rel, SETTINGS)
    if path is None:
        return
    resolved = path.resolve()
    assert ".." not in path.parts
    assert inside(resolved, SETTINGS.site / "_posts") or inside(resolved, SETTINGS.site / "assets" / "img")
    assert is_post_path(rel, SETTINGS) or is_image_path(rel, SETTINGS)


@settings(max_examples=examples(300))
@given(st.dictionaries(st.sampled_from(["post", "images", "stale", "commit", "pushed_commit", "post_sha",
                                        "push_intent", "remote"]), JSON, max_size=6))
def test_any_blog_record_is_checked_without_crashing(tmp_path_factory, record):
    root = tmp_path_factory.mktemp("ledger")
    state = Ledger(root, "issue-1").channel("blog")
    state.ledger.data["channels"]["blog"] = record
    if isinstance(record.get("remote"), dict) or "remote" not in record:
        problems = ledger_problems(state, SETTINGS)
        assert all(isinstance(p, str) for p in problems)
