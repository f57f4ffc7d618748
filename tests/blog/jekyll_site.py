"""A minimal Jekyll site for the tests: a ``post`` layout and an ``_includes/figure.liquid`` that takes
al-folio's parameters, built with the real ``jekyll``."""

from __future__ import annotations

import atexit
import functools
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

JEKYLL = shutil.which("jekyll")

CONFIG = """\
title: test site
permalink: /blog/:year/:title/
future: true
markdown: kramdown
liquid:
  strict_filters: true
  error_mode: strict
"""

LAYOUT = """\
<!DOCTYPE html>
<html><head><title>{{ page.title | escape }}</title></head>
<body><article class="post">
<h1 class="post-title">{{ page.title | escape }}</h1>
<div class="post-content">
{{ content }}
</div>
</article></body></html>
"""

# Written for these tests from al-folio's documented parameters (path, class, alt, title, caption,
# zoomable, loading, width, height); like al-folio it writes alt/title/caption into the HTML as given.
FIGURE = """\
<figure>
  <img src="{{ include.path | relative_url }}"{% if include.class %} class="{{ include.class }}"{% endif %}
    width="{{ include.width | default: '100%' }}" height="{{ include.height | default: 'auto' }}"
    {% if include.alt %}alt="{{ include.alt }}"{% endif %}{% if include.title %} title="{{ include.title }}"{% endif %}
    loading="{{ include.loading | default: 'lazy' }}"{% if include.zoomable %} data-zoomable{% endif %}>
  {% if include.caption %}<figcaption class="caption">{{ include.caption }}</figcaption>{% endif %}
</figure>
"""


def require_jekyll() -> str:
    if JEKYLL is None:
        pytest.skip("jekyll is not installed (apt-get install -y --no-install-recommends jekyll)")
    return JEKYLL


def make_site(root: Path, *, timezone: str | None = "Asia/Shanghai") -> Path:
    """Write the minimal site's fixed files into ``root`` and return it."""
    (root / "_layouts").mkdir(parents=True, exist_ok=True)
    (root / "_includes").mkdir(parents=True, exist_ok=True)
    config = CONFIG + (f"timezone: {timezone}\n" if timezone else "")
    (root / "_config.yml").write_text(config, encoding="utf-8")
    (root / "_layouts" / "post.html").write_text(LAYOUT, encoding="utf-8")
    (root / "_includes" / "figure.liquid").write_text(FIGURE, encoding="utf-8")
    return root


def git(cwd: Path, *args: str) -> str:
    """``git ARGS`` in ``cwd``; its output. The tests' repositories are made with ``--template=`` (no sample
    hooks: 9 entries instead of 27 in a new repository, and the suite makes a few hundred)."""
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()


def install_hook(repo: Path, name: str, script: str) -> Path:
    """Make ``script`` the repository's ``name`` hook (``pre-commit``, ``pre-push``) and return its path: the
    tests' repositories are made without sample hooks, so the folder is made here when needed."""
    hook = repo / ".git" / "hooks" / name
    hook.parent.mkdir(exist_ok=True)
    hook.write_text(script)
    hook.chmod(0o755)
    return hook


def make_site_with_remote(site: Path, remote: Path) -> Path:
    """``site``: the minimal site committed and pushed to a new bare repository at ``remote``; return the site.

    The pair is made with git once per test process and copied for each test (the copy's ``origin`` pointed
    at its own remote): the same two repositories as eight git commands would make, in a fraction of the time.
    """
    template = _site_and_remote_template()
    shutil.copytree(template / "site", site, symlinks=True, dirs_exist_ok=True)
    shutil.copytree(template / "remote.git", remote, symlinks=True)
    git(site, "remote", "set-url", "origin", str(remote))
    return site


@functools.cache
def _site_and_remote_template() -> Path:
    root = Path(tempfile.mkdtemp(prefix="leotalk-site-template-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    site, remote = root / "site", root / "remote.git"
    git(root, "init", "-q", "--template=", "--bare", "-b", "main", str(remote))
    make_site(site)
    git(site, "init", "-q", "--template=", "-b", "main")
    git(site, "config", "user.name", "Site Owner")
    git(site, "config", "user.email", "owner@example.com")
    git(site, "add", ".")
    git(site, "commit", "-q", "-m", "site")
    git(site, "remote", "add", "origin", str(remote))
    git(site, "push", "-q", "origin", "main")
    return root


def build(site: Path) -> Path:
    """Run ``jekyll build`` and return the built folder; a failed build fails the test with Jekyll's words."""
    jekyll = require_jekyll()
    dest = site / "_site"
    done = subprocess.run([jekyll, "build", "--quiet", "--source", str(site), "--destination", str(dest)],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, f"jekyll build failed:\n{done.stdout}\n{done.stderr}"
    return dest


def built_post(dest: Path, url: str) -> BeautifulSoup:
    """The built page at ``url`` (a /blog/<year>/<slug>/ address), parsed."""
    page = dest / url.strip("/") / "index.html"
    assert page.is_file(), f"no page at {url}; built: {sorted(str(p.relative_to(dest)) for p in dest.rglob('*.html'))}"
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


def remote_commits(remote: Path) -> int:
    """How many commits the remote's main branch holds."""
    return int(git(remote, "rev-list", "--count", "main"))
