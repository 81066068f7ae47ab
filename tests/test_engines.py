"""ProperDocs as a first-class engine, and `handbook generate` for engines that run no MkDocs plugin.

The sample site is built four ways from one copy of the project (one printables cache, so
the downloads render once): with the plugin by MkDocs and by ProperDocs, and from
`handbook generate --docs-dir` (plain files, no plugin in the config) by MkDocs and by
ProperDocs. The builds must agree: the two engines byte for byte but for the generator tag;
the plain-files builds in every generated page's content and every download.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EPOCH as SESSION_EPOCH
from .helpers import copy_site_sources, run_handbook

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent
#: The session's date, so the downloads come from the suite's shared printables cache (tests/conftest.py).
EPOCH = SESSION_EPOCH
GENERATOR_TAG = re.compile(rb'<meta name="generator" content="[^"]*">')
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)


def _engine(project: Path, engine: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / engine), "build", "--strict", *args],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, **EPOCH},
        timeout=900,
        check=False,
    )


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _plain_config(project: Path) -> Path:
    """The sample's mkdocs.yml without the handbook plugin, over the generated folder."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"  - handbook:\n(?:      .*\n)+", "", text)
    assert "- handbook" not in text
    text = text.replace(
        "docs_dir: content/pages", "docs_dir: gen/docs\nextra_css: [assets/handbook.css, assets/qualifications.css]"
    )
    text = text.replace("  font: false\n", "  font: false\n  custom_dir: gen/theme\n")
    config = project / "plain.yml"
    config.write_text(text, encoding="utf-8")
    return config


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    project = copy_site_sources(tmp_path_factory.mktemp("engines") / "project")
    for engine in ("mkdocs", "properdocs"):
        result = _engine(project, engine, "-d", f"out-{engine}")
        assert result.returncode == 0, result.stderr
    generated = run_handbook(project, "generate", "--docs-dir", "gen/docs", "--theme-dir", "gen/theme", env=EPOCH)
    assert generated.returncode == 0, generated.stderr
    assert "docs_dir: gen/docs" in generated.stdout
    config = _plain_config(project)
    for engine in ("mkdocs", "properdocs"):
        result = _engine(project, engine, "-f", config.name, "-d", f"plain-{engine}")
        assert result.returncode == 0, result.stderr
    return {name: project / name for name in ("out-mkdocs", "out-properdocs", "plain-mkdocs", "plain-properdocs")}


def test_properdocs_builds_the_same_site_as_mkdocs(builds: dict[str, Path]) -> None:
    mkdocs, properdocs = _files(builds["out-mkdocs"]), _files(builds["out-properdocs"])
    assert sorted(mkdocs) == sorted(properdocs)
    assert "units/r-503-0865/index.html" in mkdocs
    assert "downloads/r-503-0865/r-503-0865-workbook.pdf" in mkdocs
    differing = [name for name in mkdocs if mkdocs[name] != properdocs[name]]
    assert differing, "the generator tag names the engine, so the pages cannot all be equal"
    for name in differing:
        assert name.endswith(".html"), name
        assert GENERATOR_TAG.sub(b"", mkdocs[name]) == GENERATOR_TAG.sub(b"", properdocs[name]), name
    assert b"ProperDocs" in properdocs["index.html"]


def test_generated_plain_files_build_the_same_pages_on_both_engines(builds: dict[str, Path]) -> None:
    plugin = _files(builds["out-mkdocs"])
    generated_pages = [
        name
        for name in plugin
        if name.endswith("index.html") and name.split("/")[0] in {"units", "qualifications", "indexes", "downloads"}
    ]
    assert len(generated_pages) >= 10, generated_pages
    downloads = [name for name in plugin if name.startswith("downloads/") and not name.endswith(".html")]
    assert len(downloads) == 13, downloads
    for engine in ("plain-mkdocs", "plain-properdocs"):
        plain = _files(builds[engine])
        for name in generated_pages:
            ours = ARTICLE.search(plugin[name].decode("utf-8"))
            theirs = ARTICLE.search(plain[name].decode("utf-8"))
            assert ours and theirs, name
            assert ours.group(1) == theirs.group(1), f"{engine}: {name}"
        for name in downloads:
            assert plain[name] == plugin[name], f"{engine}: {name}"
        for asset in ("assets/handbook.css", "assets/qualifications.css", "assets/pathway-checker.js"):
            assert plain[asset] == plugin[asset]
        # The theme overrides came along: skip link and breadcrumbs.
        unit_page = plain["units/r-503-0865/index.html"].decode("utf-8")
        assert 'class="md-skip qh-skip"' in unit_page
        assert 'class="qh-breadcrumbs"' in unit_page
