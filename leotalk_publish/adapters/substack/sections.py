"""Substack sections: a configured section (name, slug or id) resolved against ``GET /subscriptions``.

It needs the cookie and the network, so ``check`` cannot validate the section: ``observe`` does (a dry run
included), before any channel pushes, and the push resolves it again (or takes the id the ledger cached).
"""

from __future__ import annotations

from typing import Any

from leotalk_publish.adapters.substack.client import SubstackClient
from leotalk_publish.adapters.substack.settings import SubstackSettings
from leotalk_publish.errors import ChannelError, SettingsError

SETTING = "section in channels/substack.toml"


def publication_sections(client: SubstackClient, settings: SubstackSettings) -> list[dict[str, Any]]:
    """The sections of the configured publication (the only one, when the account has a single one)."""
    answer = client.subscriptions()
    publications = answer.get("publications") if isinstance(answer, dict) else None
    if not isinstance(publications, list):
        raise ChannelError("Substack's subscriptions answer has no 'publications'; its API may have changed")
    mine = [p for p in publications if isinstance(p, dict) and _is_configured(p, settings)]
    if not mine and len(publications) == 1:
        mine = publications
    return [s for s in (mine[0].get("sections") or []) if isinstance(s, dict)] if mine else []


def _is_configured(publication: dict[str, Any], settings: SubstackSettings) -> bool:
    return publication.get("subdomain") == settings.publication or (
        bool(settings.host) and publication.get("custom_domain") == settings.host)


def resolve_section(client: SubstackClient, settings: SubstackSettings) -> int:
    """The id of the configured section; a wrong name stops the push listing the real ones."""
    wanted = settings.section.strip()
    sections = publication_sections(client, settings)
    for section in sections:
        names = {str(section.get("id")), str(section.get("name", "")).lower(), str(section.get("slug", "")).lower()}
        sid = section.get("id")
        if wanted.lower() in names and isinstance(sid, int):
            return sid
    if wanted.isdigit() and not sections:
        return int(wanted)
    raise SettingsError(f"{SETTING} is '{wanted}', but the publication has no such section; "
                        f"its sections: {_listed(sections)}")


def section_problem(client: SubstackClient, settings: SubstackSettings, cached: object) -> str | None:
    """Why a push would be refused for its section (a name the publication does not have; none set where
    publishing needs one), or ``None``. ``cached``: the section id a push recorded for this name."""
    if settings.section:
        if isinstance(cached, int):
            return None
        try:
            resolve_section(client, settings)
        except SettingsError as exc:
            return f"{exc}; set it to one of them and run again"
        return None
    if settings.act != "draft" and (sections := publication_sections(client, settings)):
        return (f"this publication has sections and Substack publishes a post only with one chosen: set {SETTING} "
                f"to one of: {_listed(sections)}")
    return None


def section_hint(client: SubstackClient, settings: SubstackSettings, message: str) -> str:
    """Substack's "Please choose a section." as a message that says which setting to set."""
    try:
        sections = publication_sections(client, settings)
    except ChannelError:
        sections = []
    return (f"Substack refused to publish: \"{message}\" This publication has sections, so set {SETTING} "
            f"to one of: {_listed(sections)}. The draft is saved; run again after setting it.")


def _listed(sections: list[dict[str, Any]]) -> str:
    return ", ".join(f"'{s.get('name')}'" for s in sections) or "(none found)"
