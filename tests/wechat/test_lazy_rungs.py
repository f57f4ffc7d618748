"""The fit ladder renders a rung only when something asks for it: an issue that fits in the full theme is
rendered once, and a rung rendered late is the very rung an eager ladder would have held."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from leotalk_publish.adapters.wechat import fit
from leotalk_publish.adapters.wechat.adapter import ADAPTER
from leotalk_publish.adapters.wechat.payload import Fit
from leotalk_publish.load import load_issue
from tests.wechat.test_fit import CODE, sections


def counted(steps: list[fit.Rung], calls: list[int]) -> list[fit.Rung]:
    def wrap(step: fit.Rung) -> fit.Rung:
        def run() -> list[Fit]:
            calls.append(1)
            return step()
        return run
    return [wrap(step) for step in steps]


def loaded(project: Path, make_draft: Callable[..., object], body: str):
    make_draft(body)
    issue = load_issue(project / "drafts", "issue-1")
    return issue, ADAPTER.load_settings(project, {})


def test_an_issue_that_fits_renders_one_rung_for_check_render_and_plan(project: Path, make_draft):
    issue, settings = loaded(project, make_draft, sections(3, "段落。\n\n" * 20))
    calls: list[int] = []
    rungs = fit.Rungs(counted(fit.ladder(issue, settings), calls))
    assert fit.fits_statically(rungs[0]) and calls == [1]
    payload = ADAPTER.render(issue, settings).payload
    assert payload.chosen == 0 and payload.fit.step == "full theme"
    eager = [rung for step in fit.ladder(issue, settings) for rung in step()]
    assert list(rungs) == eager and len(calls) == len(fit.ladder(issue, settings))  # the rest, when asked


def test_rungs_rendered_late_are_those_an_eager_ladder_holds(project: Path, make_draft):
    issue, settings = loaded(project, make_draft, sections(4, CODE * 2))
    eager = [rung for step in fit.ladder(issue, settings) for rung in step()]
    payload = fit.new_payload(issue, settings)
    assert payload.chosen > 0  # it had to step down, so later rungs were asked for
    assert list(payload.fits) == eager and len(payload.fits) == len(eager)
    assert payload.fits[-1] == eager[-1] and list(payload.fits[1:]) == eager[1:]


def test_threads_asking_at_once_each_see_every_rung_rendered_once(project: Path, make_draft):
    issue, settings = loaded(project, make_draft, sections(4, CODE * 2))
    calls: list[int] = []
    rungs = fit.Rungs(counted(fit.ladder(issue, settings), calls))
    seen: list[list[str]] = []
    threads = [threading.Thread(target=lambda: seen.append([r.step for r in rungs])) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == 6 and all(steps == seen[0] for steps in seen)
    assert len(calls) == len(fit.ladder(issue, settings))  # each step rendered once, whoever asked first
