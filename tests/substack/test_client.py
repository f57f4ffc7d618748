"""The client's own rules: the rate limit per host, 429's Retry-After, hosts, and one email per publish."""

from __future__ import annotations

from pydantic import SecretStr

from leotalk_publish.adapters.substack.client import RateLimiter
from leotalk_publish.adapters.substack.settings import SubstackSettings
from tests.substack.conftest import write_settings
from tests.substack.fake_substack import Fault


class FakeClock:
    """A clock that moves only when the limiter sleeps."""

    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 6))
        self.now += seconds


def test_requests_to_one_host_are_spaced_by_the_rate():
    clock = FakeClock()
    limiter = RateLimiter(2.0, clock=clock, sleep=clock.sleep)
    for _ in range(3):
        limiter.wait("leotalk.substack.com")
    limiter.wait("substack.com")  # another host has its own slots
    assert clock.slept == [0.5, 0.5]


def test_a_429_holds_the_host_for_its_retry_after():
    clock = FakeClock()
    limiter = RateLimiter(1.0, clock=clock, sleep=clock.sleep)
    limiter.wait("h")
    limiter.hold("h", 7.0)
    limiter.wait("h")
    assert clock.slept == [7.0]


def test_account_and_publication_hosts_unless_one_base_is_given():
    settings = SubstackSettings(publication="leotalk", cookie=SecretStr("x" * 8))
    assert (settings.account_base, settings.publication_base) == ("https://substack.com",
                                                                  "https://leotalk.substack.com")
    custom = SubstackSettings(publication="leotalk", host="news.example.com")
    assert custom.publication_base == "https://news.example.com"
    proxied = SubstackSettings(publication="leotalk", api_base="http://127.0.0.1:9/")
    assert proxied.account_base == proxied.publication_base == "http://127.0.0.1:9"


def test_a_publish_whose_answer_was_lost_is_not_sent_again(sample_draft, project, fake, publish):
    write_settings(project, publish=True, send_email=True)
    fake.faults.append(Fault("POST", r"/api/v1/drafts/\d+/publish", status=0, after=True))
    run = publish()
    assert run.outcome.status == "pushed", run.lines
    assert len(fake.published) == 1 and fake.emails_sent() == 1


def test_a_new_date_moves_the_scheduled_release(sample_draft, project, fake, publish):
    write_settings(project, schedule=True)
    publish()
    index = project / "drafts" / "issue-1" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("2025-09-22T08:00", "2025-09-29T08:00"),
                     encoding="utf-8")
    assert publish().outcome.status == "pushed"
    (draft,) = fake.drafts.values()
    assert draft["scheduled_release"]["trigger_at"] == "2025-09-29T00:00:00.000Z"
    assert fake.count("DELETE", r"/api/v1/drafts/\d+/scheduled_release") == 1
