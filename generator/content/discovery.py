"""Which files are content: the one discovery rule that check, build, serve and import share.

A content folder (``content/units``, ``content/qualifications``) holds one YAML file per
item. The rule:

- a file whose name ends in ``.yml`` or ``.yaml``, in any case (``UNIT.YML`` counts), in the
  folder or in any subfolder of it;
- hidden files and folders (a name starting with ``.``) and editor backups and locks
  (``name~``, ``#name#``, ``.#name``, ``name.bak``, ``name.swp``, ``name.orig``) are skipped;
- a symbolic link is followed only when its target lies inside the project; a link that
  leaves the project, or that points nowhere, is an error that names the link and never
  shows anything of its target.

:func:`discover` applies the rule to a folder and :func:`check_explicit` to a file named on
the command line, so ``handbook check FILE`` refuses what the build would skip.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ContentProblem

#: File name endings of content files, compared ignoring case.
CONTENT_SUFFIXES = (".yml", ".yaml")
#: Endings of editor backup, swap and merge files; such files are never content.
BACKUP_SUFFIXES = ("~", ".bak", ".swp", ".swo", ".orig", ".rej", ".tmp")


@dataclass
class Discovered:
    """The content files found, in a stable order, and the files refused on the way."""

    files: list[Path] = field(default_factory=list)
    errors: list[ContentProblem] = field(default_factory=list)


def is_skipped_name(name: str) -> bool:
    """Whether a file or folder name is hidden or an editor's backup or lock file."""
    lowered = name.lower()
    return name.startswith((".", "#")) or lowered.endswith(BACKUP_SUFFIXES)


def has_content_suffix(name: str) -> bool:
    """Whether ``name`` ends in ``.yml`` or ``.yaml``, in any case."""
    return name.lower().endswith(CONTENT_SUFFIXES) and name.lower() not in CONTENT_SUFFIXES


def _absolute(path: Path) -> Path:
    """``path`` made absolute without following links (``resolve`` would name a link's target)."""
    return Path(os.path.abspath(path))  # noqa: PTH100 - see above


def display_path(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` with forward slashes, without following links.

    Links are not resolved, so an error about a link names the link, never its target.
    A path outside ``root`` is shown as given.
    """
    absolute = _absolute(path)
    try:
        return absolute.relative_to(_absolute(root)).as_posix()
    except ValueError:
        pass
    try:  # resolved only when needed: a resolve per call was a tenth of `handbook check`
        return absolute.relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _inside(path: Path, root: Path) -> bool:
    resolved_root = root.resolve()
    return path == resolved_root or resolved_root in path.parents


def _link_problem(path: Path, root: Path) -> str | None:
    """Why a link at ``path`` cannot be followed, or ``None`` when it stays inside the project."""
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return "a link to nothing (its target is missing or loops); remove it or point it at a file in the project"
    if not _inside(target, root):
        return "a link that leaves the project; content is read only from inside the project"
    return None


def _error(path: Path, root: Path, message: str) -> ContentProblem:
    return ContentProblem(display_path(path, root), 1, 1, "(file)", message)


def discover(folder: Path, *, root: Path) -> Discovered:
    """Every content file in ``folder`` and its subfolders by the rule above, sorted by path.

    ``root`` is the project: links must stay inside it (or inside ``folder``, when the settings
    put that outside the project) and error paths are relative to it.
    A folder that does not exist gives no files and no errors (the caller decides whether
    that is an error).
    """
    found = Discovered()
    if not folder.is_dir():
        return found
    # A folder the settings place outside the project (an absolute units_dir) is its own boundary.
    boundary = root if _inside(folder.resolve(), root) else folder.resolve()
    seen_folders: set[Path] = set()

    def walk(current: Path) -> None:
        real = current.resolve()
        if real in seen_folders:  # a link back to a folder already read
            return
        seen_folders.add(real)
        try:
            entries = sorted(os.scandir(current), key=lambda entry: entry.name)
        except OSError as exc:
            found.errors.append(_error(current, root, f"cannot read folder: {exc.strerror}"))
            return
        for entry in entries:
            path = Path(entry.path)
            if is_skipped_name(entry.name):
                continue
            if entry.is_symlink():
                problem = _link_problem(path, boundary)
                if problem is not None:
                    if path.is_dir() or has_content_suffix(entry.name):
                        found.errors.append(_error(path, root, problem))
                    continue
            if path.is_dir():
                walk(path)
            elif has_content_suffix(entry.name) and path.is_file():
                found.files.append(path)

    walk(folder)
    found.files.sort(key=lambda p: display_path(p, root))
    return found


def check_explicit(path: Path, *, root: Path) -> ContentProblem | None:
    """Why a file named on the command line is not content the build would read, or ``None``."""
    if is_skipped_name(path.name):
        return _error(path, root, "hidden files and editor backups are not content; the build skips this file")
    if not has_content_suffix(path.name):
        return _error(path, root, "not a content file: content files end in .yml or .yaml")
    if path.is_symlink():
        problem = _link_problem(path, root)
        if problem is not None:
            return _error(path, root, problem)
    absolute, project = _absolute(path), _absolute(root)
    if project not in absolute.parents:
        return None  # a file outside the project, named by the user: checked as given
    for parent in absolute.parents:
        if parent == project:
            break
        if is_skipped_name(parent.name):
            return _error(path, root, "files in hidden folders are not content; the build skips this file")
        if parent.is_symlink() and _link_problem(parent, root) is not None:
            return _error(path, root, "in a linked folder outside the project; content is read only from inside it")
    return None
