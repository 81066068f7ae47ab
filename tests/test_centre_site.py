"""A centre's own MkDocs site with the plugin installed from a wheel, copying nothing from this repository.

This package is built as a wheel and installed with ``pip install --no-deps`` into a fresh
virtual environment; its pinned dependencies come from this test environment through a
``.pth`` line (nothing is downloaded, and this checkout's editable install is not seen). In
that environment the fictional centre site in ``tests/centre_site/`` is built, and the
README's "Use it in your own MkDocs site" walkthrough is run as written.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow

CENTRE = ROOT / "tests" / "centre_site"
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}


@dataclass(frozen=True)
class FreshVenv:
    """A virtual environment with only the wheel installed in it."""

    root: Path

    @property
    def python(self) -> Path:
        return self.root / "bin" / "python"

    def run(self, cwd: Path, *command: str) -> subprocess.CompletedProcess[str]:
        """Run ``handbook``, ``mkdocs`` or ``python`` of this environment."""
        name, *args = command
        argv = [str(self.root / "bin" / "handbook"), *args] if name == "handbook" else [str(self.python)]
        if name == "mkdocs":
            argv += ["-m", "mkdocs", *args]
        elif name == "python":
            argv += args
        return subprocess.run(argv, cwd=cwd, capture_output=True, text=True, env=ENV, timeout=900, check=False)


def _site_packages(python: Path) -> Path:
    out = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    )
    return Path(out.stdout.strip())


@pytest.fixture(scope="module")
def fresh_venv(tmp_path_factory: pytest.TempPathFactory) -> FreshVenv:
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"

    # Built from a copy without caches or built sites, as a release would be.
    def top_level_leftovers(folder: str, names: list[str]) -> set[str]:
        skip = {".venv", ".git", ".cache", "site", "dist", "build"} if Path(folder) == ROOT else set()
        return {name for name in names if name in skip or name in {"__pycache__", "artifacts"}}

    shutil.copytree(ROOT, source, ignore=top_level_leftovers)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(work / "dist"), "."],
        cwd=source,
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = (work / "dist").glob("qualification_handbook-*.whl")
    venv = FreshVenv(work / "venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv.root)], check=True)
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(venv.python), "install", "--no-deps", "--no-index", str(wheel)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert installed.returncode == 0, installed.stderr
    # The pinned dependencies of this environment, as a plain path: the .pth files in it (this
    # checkout's editable install) are not processed, so `generator` comes from the wheel only.
    deps = sysconfig.get_paths()["purelib"]
    (_site_packages(venv.python) / "_test_dependencies.pth").write_text(deps + "\n", encoding="utf-8")
    return venv


@pytest.fixture(scope="module")
def centre_build(fresh_venv: FreshVenv, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    project = tmp_path_factory.mktemp("centre") / "northbridge"
    shutil.copytree(CENTRE, project)
    result = fresh_venv.run(project, "mkdocs", "build", "--strict")
    assert result.returncode == 0, result.stderr
    return project, result.stderr


def test_the_plugin_runs_from_the_wheel(fresh_venv: FreshVenv, tmp_path: Path) -> None:
    where = fresh_venv.run(tmp_path, "python", "-c", "import generator; print(generator.__file__)")
    package = Path(where.stdout.strip()).parent
    assert package.is_relative_to(fresh_venv.root), where
    for packaged in ("_overrides/main.html", "_overrides/partials/header.html", "_site_templates/unit.md.j2"):
        assert (package / packaged).is_file(), packaged
    assert (package / "adapter" / "vendor" / "iframe-worker" / "shim.js").is_file()
    assert "handbook, version" in fresh_venv.run(tmp_path, "handbook", "--version").stdout


def test_generated_sections_join_the_centres_own_nav(centre_build: tuple[Path, str]) -> None:
    project, log = centre_build
    assert "added Units, Qualifications, Indexes, Downloads to the nav" in log
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert "<title>Northbridge Training Centre</title>" in home
    nav = re.findall(r'class="md-nav__link[^"]*"[^>]*>\s*<span class="md-ellipsis">\s*([^<]+?)\s*</span>', home)
    assert nav == ["Welcome", "About us", "Contact", "Units", "Qualifications", "Indexes", "Downloads"]
    # Offline build: links name index.html files, which open from disk.
    assert 'href="units/index.html"' in home and 'href="downloads/index.html"' in home
    assert 'data-md-color-scheme="slate"' in home  # the centre's own palette, with its dark scheme


def test_theme_overrides_css_and_scripts_come_with_the_package(centre_build: tuple[Path, str]) -> None:
    project, _ = centre_build
    site = project / "site"
    page = (site / "units" / "fict-a1.html").read_text(encoding="utf-8")
    assert '<a href="#qh-content" class="md-skip qh-skip">' in page
    assert 'data-qh-toggle="__search"' in page  # header buttons from the packaged partials
    assert '<link rel="stylesheet" href="../assets/handbook.css">' in page
    assert (site / "assets" / "handbook.css").is_file()
    assert (site / "assets" / "pathway-checker.js").is_file()
    # Material's offline plugin would load iframe-worker from a CDN; the packaged copy is used.
    assert '<script src="../assets/handbook/iframe-worker.js"></script>' in page
    assert "unpkg" not in page and (site / "assets" / "handbook" / "iframe-worker.js").is_file()
    assert (site / "search" / "search_index.js").is_file()
    assert not (project / "overrides").exists() and not (project / "site_templates").exists()


def test_unit_pages_have_breadcrumbs(centre_build: tuple[Path, str]) -> None:
    project, _ = centre_build
    page = (project / "site" / "units" / "fict-b1.html").read_text(encoding="utf-8")
    trail = re.search(r'<nav class="qh-breadcrumbs" aria-label="Breadcrumb">(.*?)</nav>', page, re.S)
    assert trail is not None
    items = re.findall(r"<li>(.*?)</li>", trail.group(1), re.S)
    assert [re.sub(r"\s+", " ", item).strip() for item in items] == [
        '<a href="index.html">Units</a>',
        '<a href="index.html#level-3">Level 3</a>',
        '<span aria-current="page">Handle visitor complaints</span>',
    ]
    index = (project / "site" / "units" / "index.html").read_text(encoding="utf-8")
    assert 'id="level-3"' in index


def test_downloads_page_lists_every_file(centre_build: tuple[Path, str]) -> None:
    project, _ = centre_build
    site = project / "site"
    page = (site / "downloads" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+)" download>', page)
    expected = {
        f"{unit}/{unit}-{kind}"
        for unit in ("fict-a1", "fict-a2", "fict-b1")
        for kind in ("workbook.pdf", "workbook.docx", "record-sheet.pdf", "tracker.xlsx")
    } | {"qualifications/fict-centre-award-handbook.pdf"}
    assert set(links) == expected
    for link in links:
        assert (site / "downloads" / link).stat().st_size > 1000, link
    for unit in ("fict-a1", "fict-a2", "fict-b1"):
        assert f'href="../units/{unit}.html"' in page


def test_schema_line_resolves_in_the_installed_project(fresh_venv: FreshVenv, tmp_path: Path) -> None:
    project = tmp_path / "northbridge"
    shutil.copytree(CENTRE, project)
    package = Path(fresh_venv.run(tmp_path, "python", "-c", "import generator; print(generator.__file__)").stdout)
    installed = package.parent
    before = sorted((p.relative_to(installed), p.stat().st_mtime_ns) for p in installed.rglob("*") if p.is_file())

    created = fresh_venv.run(project, "handbook", "new", "unit", "--id", "fict-new", "--title", "New", "--level", "2")
    assert created.returncode == 0, created.stderr
    first = (project / "content" / "units" / "fict-new.yml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schemas/unit.schema.json"
    assert (project / "content" / "units" / "../../schemas/unit.schema.json").resolve().is_file()

    (project / "schemas" / "unit.schema.json").unlink()
    assert fresh_venv.run(project, "handbook", "schema", "--check").returncode == 1
    written = fresh_venv.run(project, "handbook", "schema", "--write")
    assert written.returncode == 0, written.stderr
    assert written.stdout.splitlines() == ["wrote schemas/unit.schema.json", "wrote schemas/qualification.schema.json"]
    assert fresh_venv.run(project, "handbook", "schema", "--check").returncode == 0
    after = sorted((p.relative_to(installed), p.stat().st_mtime_ns) for p in installed.rglob("*") if p.is_file())
    assert [name for name, _ in after if name.suffix != ".pyc"] == [name for name, _ in before if name.suffix != ".pyc"]
    assert [entry for entry in after if entry[0].parts[0] == "schemas"] == [
        entry for entry in before if entry[0].parts[0] == "schemas"
    ]


def _readme_blocks() -> tuple[list[str], str]:
    """The bash lines and the YAML of the README's walkthrough."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Use it in your own MkDocs site", 1)[1].split("\n## ", 1)[0]
    bash = re.search(r"```bash\n(.*?)```", section, re.S)
    yaml = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert bash and yaml
    return [line for line in bash.group(1).splitlines() if line.strip()], yaml.group(1)


def test_readme_walkthrough_from_a_fresh_venv(fresh_venv: FreshVenv, tmp_path: Path) -> None:
    lines, yaml = _readme_blocks()
    project = tmp_path / "own-site"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# A fictional centre's own home page\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        "site_name: Fictional Centre\nnav:\n  - Home: index.md\n" + yaml, encoding="utf-8"
    )
    assert lines[0] == "python3 -m venv .venv" and lines[1] == ".venv/bin/pip install qualification-handbook"
    # Those two lines are what the fixture did (from the wheel, without downloading); the rest run as written.
    for line in lines[2:]:
        argv = shlex.split(line)
        if argv[0] == "mkdir":
            (project / argv[-1]).mkdir(parents=True, exist_ok=True)
            continue
        assert argv[0].startswith(".venv/bin/"), line
        result = fresh_venv.run(project, argv[0].removeprefix(".venv/bin/"), *argv[1:])
        assert result.returncode == 0, f"{line}\n{result.stdout}\n{result.stderr}"
    site = project / "site"
    assert (site / "units" / "fict-101.html").is_file()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="units/index.html"' in home and 'href="downloads/index.html"' in home
    assert (site / "downloads" / "fict-101" / "fict-101-workbook.pdf").is_file()
    first = (project / "content" / "units" / "fict-101.yml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schemas/unit.schema.json"
