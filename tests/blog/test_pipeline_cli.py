"""The blog through the pipeline and the command line: export, dry run, checks, import."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from leotalk_publish import pipeline
from leotalk_publish.cli import app
from leotalk_publish.project import Project
from tests.blog.conftest import copy_whole_issue
from tests.blog.jekyll_site import make_site
from tests.blog.seed_site import old_site_with_seed
from tests.conftest import write_png

runner = CliRunner()


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def cli(*args: str):
    return runner.invoke(app, list(args))


def test_cli_publish_exports_then_reports_unchanged(project: Path) -> None:
    copy_whole_issue(project)
    first = cli("publish", "issue-7", "--channels", "blog", "--project", str(project))
    assert first.exit_code == 0, first.output
    post = project / "site" / "_posts" / "2025-10-06-weekly-7.md"
    assert post.read_text(encoding="utf-8").startswith("---\nlayout: post\n")
    assert sorted(p.name for p in (project / "site/assets/img/2025-10-06-weekly-7").iterdir()) == [
        "left.png", "right.png", "single.png"]
    second = cli("publish", "issue-7", "--channels", "blog", "--project", str(project))
    assert second.exit_code == 0 and "unchanged" in second.output


def test_dry_run_writes_nothing_and_shows_the_whole_post(project: Path) -> None:
    copy_whole_issue(project)
    before = tree(project)
    result = cli("publish", "issue-7", "--channels", "blog", "--dry-run", "--diff", "--project", str(project))
    assert result.exit_code == 0, result.output
    assert tree(project) == before
    assert "+++ blog/post.md (now)" in result.output and "+title: " in result.output
    assert "write _posts/2025-10-06-weekly-7.md" in result.output


def test_dry_run_after_a_change_shows_only_the_change(project: Path) -> None:
    folder = copy_whole_issue(project)
    assert cli("publish", "issue-7", "-c", "blog", "--project", str(project)).exit_code == 0
    index = folder / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("最后一段。", "最后一段！"), encoding="utf-8")
    before = tree(project)
    result = cli("publish", "issue-7", "-c", "blog", "--dry-run", "--diff", "--project", str(project))
    assert tree(project) == before
    assert "-最后一段。" in result.output and "+最后一段！" in result.output
    assert "+title:" not in result.output


def test_pipeline_rendition_is_the_post_and_its_images(project: Path) -> None:
    copy_whole_issue(project)
    preparation = pipeline.prepare(Project(project), "issue-7", ["blog"], env={})
    rendition = preparation.channels[0].rendition
    assert list(rendition.documents) == ["post.md"]
    assert sorted(a.name for a in rendition.assets) == ["left.png", "right.png", "single.png"]


def test_check_warns_about_a_site_without_timezone_near_midnight(project: Path, make_draft) -> None:
    make_site(project / "site", timezone=None)
    make_draft("正文\n")  # dated 2025-09-22T08:00:00+08:00, which is 00:00 UTC
    result = cli("check", "issue-1", "-c", "blog", "--project", str(project))
    assert result.exit_code == 0, result.output
    assert "warning" in result.output and "timezone" in result.output and "/blog/2025/" in result.output


def test_no_timezone_warning_when_the_site_has_one_or_noon(project: Path, make_draft) -> None:
    make_site(project / "site", timezone="Asia/Shanghai")
    make_draft("正文\n")
    assert "timezone" not in cli("check", "issue-1", "-c", "blog", "--project", str(project)).output
    make_site(project / "site", timezone=None)
    make_draft("正文\n", front="---\ntitle: t\ndate: 2025-09-22T20:00:00+08:00\n---\n")
    assert "timezone" not in cli("check", "issue-1", "-c", "blog", "--project", str(project)).output


def test_two_images_with_one_name_are_an_error(project: Path, make_draft) -> None:
    folder = make_draft("![a](one/pic.png)\n\n![b](two/pic.png)\n")
    write_png(folder / "one" / "pic.png", color="#ff0000")
    write_png(folder / "two" / "pic.png", color="#00ff00")
    before = tree(project)
    result = cli("publish", "issue-1", "-c", "blog", "--project", str(project))
    assert result.exit_code == 2 and "pic.png" in result.output and "rename" in result.output
    assert tree(project) == before


def test_image_names_jekyll_would_drop_are_an_error(project: Path, make_draft) -> None:
    make_draft("![a](_hidden.png)\n\n![b](<my pic.png>)\n", images=("_hidden.png", "my pic.png"))
    result = cli("check", "issue-1", "-c", "blog", "--project", str(project))
    assert result.exit_code == 2
    assert "index.md:7" in result.output and "_hidden.png" in result.output and "my pic.png" in result.output


def test_cli_import_copies_images_and_refuses_to_overwrite(project: Path, seed_text: str) -> None:
    post = old_site_with_seed(project / "old-site", seed_text)
    result = cli("import", str(post), "--id", "issue-9", "--project", str(project))
    assert result.exit_code == 0, result.output
    images = project / "drafts" / "issue-9" / "images"
    assert len(list(images.iterdir())) == seed_text.count("{% include figure.liquid")
    assert "dropped blog-only front matter" in result.output and "layout" in result.output
    again = cli("import", str(post), "--id", "issue-9", "--project", str(project))
    assert again.exit_code == 2 and "already exists" in again.output
    check = cli("check", "issue-9", "-c", "blog", "--project", str(project))
    assert check.exit_code == 0, check.output


def test_cli_import_outside_a_site_lists_missing_images(project: Path, seed_text: str, tmp_path: Path) -> None:
    post = tmp_path / "loose" / "post.md"
    post.parent.mkdir()
    post.write_text(seed_text, encoding="utf-8")
    result = cli("import", str(post), "--id", "issue-9", "--project", str(project))
    assert result.exit_code == 0
    assert result.output.count("missing: /assets/img/") == seed_text.count("{% include figure.liquid")
    assert (project / "drafts" / "issue-9" / "index.md").is_file()


def test_a_site_without_the_figure_include_is_an_error(project: Path, make_draft) -> None:
    site = make_site(project / "site")
    (site / "_includes" / "figure.liquid").unlink()
    make_draft("![a](a.png)\n", images=("a.png",))
    result = cli("check", "issue-1", "-c", "blog", "--project", str(project))
    assert result.exit_code == 2 and "figure.liquid" in result.output


def test_tabs_without_the_plugin_is_an_error(project: Path, make_draft) -> None:
    make_site(project / "site")
    (project / "channels" / "blog.toml").write_text("tabs = true\n", encoding="utf-8")
    make_draft("正文\n")
    result = cli("check", "issue-1", "-c", "blog", "--project", str(project))
    assert result.exit_code == 2 and "jekyll-tabs" in result.output
