"""Dates in the rules model: when a rule was in force, and the calendar months of a scenario.

A record's `in_force` is the first day it applied and `until` the first day it no longer did (the
day its successor took over), so consecutive versions share a boundary date and never overlap.
"""

from __future__ import annotations

import calendar
from datetime import date

EARLIEST = date(2014, 1, 1)  # the model covers the rules from 2014 on


def in_force_on(record, day: date | None) -> bool:
    """Whether `record` (anything with `in_force` and `until`) applied on `day`.

    None stands for an undated scenario, which gets the rules in force now: those with no end.
    """
    if day is None:
        return record.until is None
    return (record.in_force is None or record.in_force <= day) and (record.until is None or day < record.until)


def add_months(day: date, months: int) -> date:
    """`day` moved by whole months, keeping the day of the month where the month has it."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def long_date(day: date) -> str:
    """ "1 May 2018"."""
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"
