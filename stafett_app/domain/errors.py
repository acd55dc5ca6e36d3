"""Errors the domain raises. Messages are translation keys, so every layer can show them in the user's language."""


class DomainError(Exception):
    """A rule was broken. `key` is a translation key."""

    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


class PermissionDenied(DomainError):
    """The person may not do this. Deliberately says nothing about whether the thing exists."""

    def __init__(self, key: str = "error.no_access"):
        super().__init__(key)


class ConsentRequired(DomainError):
    """The action needs a (new) consent from the family first."""


class InvalidTransition(DomainError):
    """The log cannot move from its current status to the one asked for."""


class ValidationFailed(DomainError):
    """Input was not acceptable. `errors` maps a field name to a translation key."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("error.check_fields")
        self.errors = errors
