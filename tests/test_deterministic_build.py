"""Deterministic builds: the same content built twice gives byte-identical output, every file
of the site included (sitemap dates, search index), given ``SOURCE_DATE_EPOCH``."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from .conftest import EPOCH as SESSION_EPOCH
from .helpers import run_handbook
from .hostile import HOSTILE_UNIT

pytestmark = pytest.mark.slow

EPOCH = "1700000000"  # 14 November 2023


def build(project: Path, output: str, epoch: str = EPOCH) -> Path:
    result = run_handbook(project, "build", "--quiet", "--output", output, env={"SOURCE_DATE_EPOCH": epoch})
    assert result.returncode == 0, result.stderr
    return project / output


def with_site_url(project: Path) -> Path:
    """Give the project a site_url, so the sitemap lists every page with its date."""
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("\nsite_url: https://handbook.example.invalid/\n")
    return project


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(site_project) -> None:
    project = with_site_url(site_project())
    (project / "content" / "units" / HOSTILE_UNIT.name).write_bytes(HOSTILE_UNIT.read_bytes())
    # The session's date, so the downloads come from the shared cache (the hostile site has them).
    epoch = SESSION_EPOCH["SOURCE_DATE_EPOCH"]
    first, second = files_of(build(project, "first", epoch)), files_of(build(project, "second", epoch))
    assert sorted(first) == sorted(second)
    assert {"sitemap.xml", "sitemap.xml.gz", "search/search_index.json", "units/index.html"} <= set(first)
    different = [name for name in first if first[name] != second[name]]
    assert different == []


def test_source_date_epoch_sets_the_dates(site_project) -> None:
    project = with_site_url(site_project(printables=False))  # dates of pages; the downloads' are tested elsewhere
    site = build(project, "dated", epoch=EPOCH)
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<lastmod>2023-11-14</lastmod>") == sitemap.count("<url>") > 3
    with gzip.open(site / "sitemap.xml.gz") as packed:
        assert packed.read() == (site / "sitemap.xml").read_bytes()
    later = files_of(build(project, "later", epoch=str(int(EPOCH) + 86_400 * 400)))
    assert later["sitemap.xml"] != (site / "sitemap.xml").read_bytes()
