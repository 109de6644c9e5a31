"""Facts the tests compute independently of orderforge's own code (an oracle must not share its bugs)."""

from __future__ import annotations

#: Russian month stems → month number, to read deadlines in the status and calendar tests.
MONTHS = {
    "январ": 1,
    "феврал": 2,
    "март": 3,
    "апрел": 4,
    "май": 5,
    "мая": 5,
    "июн": 6,
    "июл": 7,
    "август": 8,
    "сентябр": 9,
    "октябр": 10,
    "ноябр": 11,
    "декабр": 12,
}
