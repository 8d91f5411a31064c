"""The exceptions of duban: one base class, one subclass per error kind."""

from __future__ import annotations


class DubanError(Exception):
    """Every error duban raises.

    ``kind`` names what went wrong (the library's ``ErrorKind`` in snake_case); the message
    comes in Simplified Chinese (``str(err)``, ``message_zh``) and English (``message_en``).
    Branch on ``kind`` (or the subclass), never on the text.
    """

    kind: str
    message_zh: str
    message_en: str

    def __init__(self, kind: str, message_zh: str, message_en: str) -> None:
        super().__init__(message_zh)
        self.kind = kind
        self.message_zh = message_zh
        self.message_en = message_en

    def message(self, lang: str = "zh") -> str:
        """The message in ``'zh'`` or ``'en'``."""
        return self.message_en if lang.lower().startswith("en") else self.message_zh

    def __str__(self) -> str:
        return self.message_zh

    def __reduce__(self):  # picklable, for multiprocessing
        return (type(self), (self.kind, self.message_zh, self.message_en))


class OutsideCoverageError(DubanError, LookupError):
    """A date the loaded holiday notices do not cover, or arithmetic that would leave them."""


class InvalidInputError(DubanError, ValueError):
    """An argument that is malformed, of the wrong type or out of range."""


class InvalidNoticeError(DubanError, ValueError):
    """A holiday notice (or local adjustment) text that cannot be read."""


class InvalidPolicyError(DubanError, ValueError):
    """A policy document that cannot be read, or whose values contradict each other."""


class PolicyNotInForceError(DubanError):
    """A trigger date before the policy was in force."""


class IllegalTransitionError(DubanError):
    """An event the regulation does not allow in the current state of a workflow."""


class InvalidCaseloadError(DubanError, ValueError):
    """A caseload document that cannot be read as a whole."""


for _cls in (
    DubanError,
    OutsideCoverageError,
    InvalidInputError,
    InvalidNoticeError,
    InvalidPolicyError,
    PolicyNotInForceError,
    IllegalTransitionError,
    InvalidCaseloadError,
):
    _cls.__module__ = "duban"

__all__ = [
    "DubanError",
    "OutsideCoverageError",
    "InvalidInputError",
    "InvalidNoticeError",
    "InvalidPolicyError",
    "PolicyNotInForceError",
    "IllegalTransitionError",
    "InvalidCaseloadError",
]
