"""Small checks shared by the plan rules. Errors are translation keys, with a parameter after '|'."""

from datetime import date
from enum import Enum
from typing import TypeVar

from stafett_app.domain.errors import ValidationFailed

E = TypeVar("E", bound=Enum)
T = TypeVar("T")


class FieldChecks:
    """Collects errors for a whole form, so the person sees every problem at once."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def text(self, field: str, value: str, *, max_length: int, required: bool = True) -> str:
        cleaned = value.strip()
        if required and not cleaned:
            self.errors.setdefault(field, "error.required")
        elif len(cleaned) > max_length:
            self.errors.setdefault(field, f"error.too_long|{max_length}")
        return cleaned

    def choice(self, field: str, value: str, allowed: type[E]) -> E | None:
        try:
            return allowed(value)
        except ValueError:
            self.errors.setdefault(field, "error.choose_one")
            return None

    def date(self, field: str, value: str | date | None, *, required: bool = True) -> date | None:
        if isinstance(value, date):
            return value
        if not value:
            if required:
                self.errors.setdefault(field, "error.required")
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.errors.setdefault(field, "error.bad_date")
            return None

    def add(self, field: str, key: str) -> None:
        self.errors.setdefault(field, key)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationFailed(dict(self.errors))


def checked(value: T | None) -> T:
    """A required value after raise_if_any(): every check that leaves it None has added an error."""
    if value is None:
        raise ValueError("a required value is missing although no check refused it")
    return value
