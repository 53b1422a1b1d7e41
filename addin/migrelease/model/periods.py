"""Periods of the release: months, whole years and spans cumulative from January."""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTH_PERIOD = re.compile(r"^(\d{4})-(\d{1,2})$")
_YEAR_PERIOD = re.compile(r"^(\d{4})$")


@dataclass(frozen=True, order=True)
class Span:
    """Months first_month..last_month of one year (both inclusive)."""

    year: int
    first_month: int = 1
    last_month: int = 12

    @property
    def is_full_year(self) -> bool:
        return self.first_month == 1 and self.last_month == 12

    @property
    def is_single_month(self) -> bool:
        return self.first_month == self.last_month

    @property
    def months(self) -> range:
        return range(self.first_month, self.last_month + 1)

    def same_period_a_year_earlier(self) -> "Span":
        return Span(self.year - 1, self.first_month, self.last_month)

    @property
    def month_count(self) -> int:
        return self.last_month - self.first_month + 1


def parse_reporting_period(text: str) -> tuple[int, int]:
    """'2026-03' -> (2026, 3). Raises ValueError with a usable message."""
    match = _MONTH_PERIOD.match(str(text).strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(f"period '{text}' is not a month written as YYYY-MM (e.g. 2026-03)")
    return int(match.group(1)), int(match.group(2))


def parse_data_period(text: str) -> tuple[int, int] | None:
    """'2026-03' -> (2026, 3); '2024' -> (2024, 0) for a whole year; None if neither."""
    text = str(text).strip()
    match = _MONTH_PERIOD.match(text)
    if match:
        month = int(match.group(2))
        return (int(match.group(1)), month) if 1 <= month <= 12 else None
    match = _YEAR_PERIOD.match(text)
    return (int(match.group(1)), 0) if match else None
