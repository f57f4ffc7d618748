"""What a built post must show, read from the document model, and the same facts read from the built HTML."""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag

from leotalk_publish import model as m


def model_facts(issue: m.Issue, image_urls: dict[str, str]) -> dict[str, list]:
    blocks = list(m.document_blocks(issue.document))
    inlines = [n for b in blocks for n in m.block_inlines(b)]
    return {
        "images": [image_urls[i.src] for i in m.all_images(issue.document)],
        "links": [link.href for link in m.all_links(issue.document)],
        "lists": [("ul" if isinstance(b, m.BulletList) else "ol", len(b.items)) for b in blocks
                  if isinstance(b, m.BulletList | m.OrderedList)],
        "bold": [m.plain_text(n.children) for n in inlines if isinstance(n, m.Strong)],
        "headings": [(f"h{b.level}", m.plain_text(b.children)) for b in blocks if isinstance(b, m.Heading)],
    }


def html_facts(page: BeautifulSoup) -> dict[str, list]:
    body = page.select_one(".post-content")
    assert isinstance(body, Tag)
    links = [a["href"] for a in body.find_all("a", href=True)
             if "footnote" not in a.get("class", []) and "reversefootnote" not in a.get("class", [])]
    return {
        "images": [img["src"] for img in body.find_all("img")],
        "links": links,
        "lists": [(tag.name, len(tag.find_all("li", recursive=False))) for tag in body.find_all(["ul", "ol"])
                  if not tag.find_parent(class_="footnotes")],
        "bold": [s.get_text() for s in body.find_all("strong")],
        "headings": [(h.name, h.get_text()) for h in body.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])],
    }
