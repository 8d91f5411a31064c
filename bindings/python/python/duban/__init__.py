"""duban (督办): the official working-day calendar of mainland China and the deadlines of
安政办发〔2020〕1号, computed offline by the Rust library ``duban``.

>>> import datetime, duban
>>> cal = duban.Calendar.china()
>>> cal.day(datetime.date(2023, 10, 7)).kind
'make_up_workday'
>>> cal.add_workdays(datetime.date(2023, 9, 20), 30)
datetime.date(2023, 11, 7)
>>> duban.due("rectification-plan", "2023-09-27").earliest
datetime.date(2023, 10, 7)
"""

from ._errors import (
    DubanError,
    IllegalTransitionError,
    InvalidCaseloadError,
    InvalidInputError,
    InvalidNoticeError,
    InvalidPolicyError,
    OutsideCoverageError,
    PolicyNotInForceError,
)
from ._duban import (
    CASELOAD_SCHEMA,
    POLICY_SCHEMA,
    REPORT_SCHEMA,
    Calendar,
    Day,
    Deadline,
    Policy,
    ProvisionalCalendar,
    Reading,
    check,
    check_json,
    due,
    due_many,
    due_ordinals,
    parse_date,
    what_if,
    what_if_json,
)

__all__ = [
    "CASELOAD_SCHEMA",
    "POLICY_SCHEMA",
    "REPORT_SCHEMA",
    "Calendar",
    "Day",
    "Deadline",
    "Policy",
    "ProvisionalCalendar",
    "Reading",
    "check",
    "check_json",
    "due",
    "due_many",
    "due_ordinals",
    "parse_date",
    "what_if",
    "what_if_json",
    "DubanError",
    "IllegalTransitionError",
    "InvalidCaseloadError",
    "InvalidInputError",
    "InvalidNoticeError",
    "InvalidPolicyError",
    "OutsideCoverageError",
    "PolicyNotInForceError",
]
