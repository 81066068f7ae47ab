"""View data for a unit's facts that depends on the build date: its status and whether to show it.

Registered as the Jinja global ``unit_status`` (see :func:`~generator.site.render.make_environment`),
so every template that includes ``partials/facts.html.j2`` (unit pages, the handbook PDF) gets
the same wording without passing extra variables.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..content.model import STATUS_LABELS, Unit, UnitStatus


@dataclass(frozen=True)
class StatusView:
    """The unit's status on a date, as the facts table shows it."""

    status: UnitStatus | None
    """'current', 'expiring', 'expired', 'withdrawn', or None where nothing is known."""
    label: str
    """'Expiring', 'Withdrawn' ... ('' when ``status`` is None)."""
    show_row: bool
    """Whether a Status row adds anything to the dates' own rows: stated by the unit, expiring,
    withdrawn, or expired by its operational end date (the expiry date row has its own badge)."""


def unit_status(unit: Unit, today: dt.date) -> StatusView:
    """The status view of ``unit`` on ``today`` (the build date)."""
    status = unit.status_on(today)
    expired_by_expiry_date = unit.is_expired(today)
    show = status is not None and (
        unit.status is not None
        or status in ("expiring", "withdrawn")
        or (status == "expired" and not expired_by_expiry_date)
    )
    return StatusView(status, STATUS_LABELS[status] if status else "", show)
