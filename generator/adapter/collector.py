"""The garbage collector during a build: fewer, cheaper collections, restored afterwards.

A build allocates millions of small objects (YAML data, unit models, MkDocs pages) that all
live until it ends, and CPython's cyclic collector keeps walking them: every full collection
traverses every tracked object, and at 1,000 units several such collections run (issue 16
measured GC at 6.7 % of our CPU at 4,000 units). So, for the length of one build:

- the objects that exist before the catalogue is loaded (MkDocs' config, imported modules)
  and those of the loaded catalogue and pages are moved to the permanent generation
  (:func:`gc.freeze`), which collections do not traverse; objects freed by reference
  counting are still freed, only cycles among them wait for :meth:`BuildCollector.end`;
- the youngest generation's threshold is raised, so short-lived temporaries die before a
  collection ever sees them and fewer survivors are promoted.

:meth:`BuildCollector.end` (after the build, or its failure) moves the frozen objects back
and restores the thresholds; under ``mkdocs serve`` the next build starts with a full
collection, so an old build's cycles are freed before anything is frozen again. A process
that froze objects itself before the build is left alone: this cannot unfreeze only its own
objects.
"""

from __future__ import annotations

import ctypes
import gc
import sys

#: Allocations between collections of the youngest generation during a build (CPython: 700).
BUILD_THRESHOLD0 = 20_000


class BuildCollector:
    """Freezes and relaxes the collector for one build; :meth:`end` undoes both."""

    def __init__(self) -> None:
        self._thresholds: tuple[int, int, int] | None = None
        self._freezing = False
        self._builds = 0

    def begin(self) -> None:
        """At the start of a build: raise the threshold and freeze what already exists (ending a build left open).

        After an earlier build in this process (``mkdocs serve``, in-process builds) a full
        collection first frees the cycles that build left, which freezing would otherwise keep
        for another build; a process's first build has none, and skips it.
        """
        self.end()  # a build that never finished (its process went on) is over now
        if self._builds:
            gc.collect()
        self._builds += 1
        self._thresholds = gc.get_threshold()
        gc.set_threshold(max(BUILD_THRESHOLD0, self._thresholds[0]), *self._thresholds[1:])
        self._freezing = gc.get_freeze_count() == 0
        self.freeze()

    def freeze(self) -> None:
        """Move every object alive now out of the collector's sight (after loading, for instance)."""
        if self._freezing:
            gc.freeze()

    def collect(self) -> None:
        """A full collection of what is not frozen (during a build only), then :func:`return_free_memory`."""
        if self._thresholds is not None:
            gc.collect()
            return_free_memory()

    def end(self) -> None:
        """After the build: unfreeze what :meth:`begin` and :meth:`freeze` froze, restore the thresholds."""
        if self._thresholds is None:
            return
        if self._freezing:
            gc.unfreeze()
        gc.set_threshold(*self._thresholds)
        self._thresholds = None
        self._freezing = False


def return_free_memory() -> None:
    """Hand the memory the C allocator keeps from freed objects back to the system (glibc only).

    Freed memory between live blocks stays in the process (the catalogue's, once it is let go
    of, about 25 MB at 1,000 units), so whatever MkDocs allocates afterwards comes on top of it
    and the build's peak rises. glibc's ``malloc_trim`` returns those pages; elsewhere nothing
    is done.
    """
    if sys.platform != "linux":
        return
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        return
    trim(0)


#: The process's collector: the collector is process-wide, and builds in one process follow each other.
BUILD_COLLECTOR = BuildCollector()
