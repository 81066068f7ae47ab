"""Every PDF the built site offers passes the accessibility checks of ``pdf_checks``.

The PDFs checked are every ``*.pdf`` in the built site. Every PDF a page links to must be
there, and a site whose unit pages have a downloads box must have at least one PDF: so
this test fails, rather than finding nothing to check, when downloads are declared but
no PDF was written.
"""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .helpers import print_html
from .pdf_checks import pdf_problems

pytestmark = pytest.mark.slow


class _PdfLinks(HTMLParser):
    """Collects the ``.pdf`` links of a page, and whether it has a downloads box."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.has_downloads_box = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if "qh-downloads" in (values.get("class") or "").split():
            self.has_downloads_box = True
        href = values.get("href") or ""
        if tag == "a" and href.split("#")[0].split("?")[0].lower().endswith(".pdf"):
            self.links.append(href.split("#")[0].split("?")[0])


@pytest.fixture(scope="module")
def built_site(seed_site: Path) -> Path:
    return seed_site


def linked_pdfs(site: Path) -> tuple[dict[Path, list[str]], bool]:
    """Every PDF a page links to (with the pages linking it) and whether any page has a downloads box."""
    linked: dict[Path, list[str]] = {}
    any_box = False
    for page in sorted(site.rglob("*.html")):
        parser = _PdfLinks()
        parser.feed(page.read_text(encoding="utf-8"))
        any_box = any_box or parser.has_downloads_box
        here = page.parent.relative_to(site).as_posix()
        for href in parser.links:
            if "://" in href:
                continue
            target = href.lstrip("/") if href.startswith("/") else posixpath.normpath(posixpath.join(here, href))
            linked.setdefault(site / target, []).append(page.relative_to(site).as_posix())
    return linked, any_box


def site_pdf_problems(site: Path) -> tuple[int, list[str]]:
    """How many PDFs the built ``site`` holds, and every problem with them or with the links to them."""
    pdfs = sorted(site.rglob("*.pdf"))
    linked, any_box = linked_pdfs(site)
    problems = [
        f"{path.relative_to(site)}: linked from {', '.join(pages)} but not in the site"
        for path, pages in linked.items()
        if not path.is_file()
    ]
    if any_box and not pdfs:
        problems.append("unit pages have a downloads box but the site has no PDF")
    problems += [problem for pdf in pdfs for problem in pdf_problems(pdf)]
    return len(pdfs), problems


def test_every_pdf_in_the_site_is_accessible(built_site: Path) -> None:
    count, problems = site_pdf_problems(built_site)
    assert not problems, f"{len(problems)} problems in {count} PDFs:\n" + "\n".join(problems)
    if not count:
        pytest.skip("the site offers no PDF yet (no downloads box, no PDF link)")


def test_site_check_fails_on_missing_and_inaccessible_pdfs(make_tree) -> None:
    # A fictional site whose downloads box links one untagged PDF and one that is missing.
    site = make_tree(
        {
            "units/x/index.html": """
                <aside class="qh-downloads"><ul>
                <li><a href="../../downloads/x.pdf">Workbook</a></li>
                <li><a href="../../downloads/gone.pdf">Record sheet</a></li>
                </ul></aside>
            """
        }
    )
    html = '<html lang="en"><title>Fictional workbook</title><p>Workbook</p></html>'
    (site / "downloads").mkdir()
    print_html(html, site / "downloads" / "x.pdf")
    count, problems = site_pdf_problems(site)
    assert count == 1
    assert problems == [
        "downloads/gone.pdf: linked from units/x/index.html but not in the site",
        "x.pdf: not tagged: /MarkInfo /Marked is not true",
        "x.pdf: not tagged: no /StructTreeRoot",
        "x.pdf: title not shown: /ViewerPreferences /DisplayDocTitle is not true",
    ]


def test_site_check_fails_on_a_downloads_box_without_pdfs(make_tree) -> None:
    site = make_tree({"units/x/index.html": '<aside class="qh-downloads"><ul></ul></aside>'})
    assert site_pdf_problems(site) == (0, ["unit pages have a downloads box but the site has no PDF"])


def test_links_and_downloads_box_are_found(make_tree) -> None:
    # A fictional two-page site: one downloads box linking one PDF, one page with none.
    site = make_tree(
        {
            "units/x/index.html": """
                <aside class="qh-downloads"><ul>
                <li><a href="../../downloads/x-workbook.pdf?v=1" download>Workbook</a></li>
                <li><a href="https://example.org/elsewhere.pdf">Elsewhere</a></li>
                </ul></aside>
            """,
            "index.html": '<a href="units/x/">Unit X</a> <a href="/handbook.PDF#page=2">Handbook</a>',
        }
    )
    linked, any_box = linked_pdfs(site)
    assert any_box
    assert linked == {
        site / "downloads" / "x-workbook.pdf": ["units/x/index.html"],
        site / "handbook.PDF": ["index.html"],
    }
