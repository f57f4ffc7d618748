"""Every message names files relative to the project root, whichever folder the command runs from.

Before, one ``check`` from outside the project named the draft by its absolute path for every channel, and
a ``publish`` said the blog wrote "in /…/site" while the others said "export/…". Here the three channels
check, plan and publish one issue from a folder outside the project (``--project``) and from inside the
draft's own folder: every path in the output is the same project-relative one, and no absolute path of
the project appears.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from leotalk_publish.adapters import ORDER
from leotalk_publish.cli import app

BODY = """\
# 标题

段落[^1]，又一次[^1]。

![图](images/{name})

[相对](./other)

[^1]: 注。
"""


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout + result.stderr


@pytest.fixture(params=["outside", "inside the draft"])
def cwd(request: pytest.FixtureRequest, project: Path, tmp_path_factory: pytest.TempPathFactory,
        monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path_factory.mktemp("elsewhere") if request.param == "outside" else project / "drafts" / "issue-1"
    folder.mkdir(parents=True, exist_ok=True)
    monkeypatch.chdir(folder)
    return folder


def test_check_names_the_draft_relative_to_the_project_for_every_channel(project, make_draft, cwd):
    make_draft(BODY.format(name="_x.png"), images=("images/_x.png",))
    code, out = run("check", "issue-1", "--channels", ",".join(ORDER), "--project", str(project))
    assert code == 2, out
    assert "drafts/issue-1/index.md:11: [blog] Jekyll leaves out files named like '_x.png'" in out
    assert "drafts/issue-1/index.md:9: [substack] footnote [^1] is used again" in out
    assert "drafts/issue-1/index.md:13: [wechat] link './other' is not a web address" in out
    assert str(project) not in out and str(project.resolve()) not in out


def test_a_publish_names_its_files_relative_to_the_project_for_every_channel(project, make_draft, cwd):
    make_draft(BODY.format(name="x.png"), images=("images/x.png",))
    code, dry = run("publish", "issue-1", "--channels", ",".join(ORDER), "--project", str(project),
                    "--dry-run")
    assert code == 0, dry
    assert "write _posts/2025-09-22-test-weekly-1.md in site" in dry
    code, out = run("publish", "issue-1", "--channels", ",".join(ORDER), "--project", str(project))
    assert code == 0, out
    assert "blog: wrote 2 and removed 0 file(s) in site" in out
    assert "blog: site → site/_posts/2025-09-22-test-weekly-1.md" in out
    assert "substack: export → export/substack/issue-1/post.html" in out
    assert "wechat: export → export/wechat/issue-1" in out
    for text in (dry, out):
        assert str(project) not in text and str(project.resolve()) not in text


def test_channels_names_the_site_relative_to_the_project(project, make_draft, cwd):
    (project / "site").mkdir()
    code, out = run("channels", "--channels", ",".join(ORDER), "--project", str(project))
    assert code == 0, out
    assert "site is not a git repository of its own" in out
    assert str(project) not in out and str(project.resolve()) not in out


def test_a_broken_ledger_is_named_relative_to_the_project(project, make_draft, cwd):
    make_draft(BODY.format(name="x.png"), images=("images/x.png",))
    (project / "ledger").mkdir()
    (project / "ledger" / "issue-1.json").write_text("{", encoding="utf-8")
    code, out = run("publish", "issue-1", "--channels", ",".join(ORDER), "--project", str(project))
    assert code == 2, out
    assert "ledger/issue-1.json: the ledger cannot be trusted" in out
    assert str(project) not in out and str(project.resolve()) not in out
