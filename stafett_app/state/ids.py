"""One check for every id a client event carries.

`@checked_ids` goes under `@rx.event` on each handler with an id argument (a parameter named
`*_id`, or `*_ids` for a list). A value that cannot be one of our row ids (beyond 64 bits, negative,
text, a boolean) is refused with the usual "no access" notice and the handler never runs; a valid
one reaches the handler as an int. 0 (and an empty choice, "") passes as 0: handlers use it for
"none", and find nothing with it.
tests/state/test_ids_state.py checks that every State handler with an id argument has it.
"""

import functools
import inspect
from collections.abc import Callable
from typing import Any, ParamSpec

from stafett_app.domain.ids import parse_id
from stafett_app.i18n import translate
from stafett_app.state.session import notify_refused

CHECKED_MARK = "_stafett_checks_ids"

P = ParamSpec("P")


def is_id_parameter(name: str) -> bool:
    return name.endswith(("_id", "_ids"))


def _checked(name: str, value: Any) -> Any:
    """The value with its ids as ints, or None if any is not an id."""
    if name.endswith("_ids"):
        if not isinstance(value, list | tuple):
            return None
        parsed = [parse_id(item, zero=True) for item in value]
        return None if any(item is None for item in parsed) else parsed
    return 0 if value == "" else parse_id(value, zero=True)  # an empty choice in a select: none


def checked_ids(handler: Callable[P, Any]) -> Callable[P, Any]:
    signature = inspect.signature(handler)
    names = [name for name in signature.parameters if is_id_parameter(name)]

    def bind(args: tuple[Any, ...], kwargs: dict[str, Any]) -> inspect.BoundArguments | None:
        """The call with its ids as ints, or None (refused) if any is not an id."""
        bound = signature.bind(*args, **kwargs)
        for name in names:
            if name not in bound.arguments:
                continue  # a default of the handler's own
            value = _checked(name, bound.arguments[name])
            if value is None:
                return None
            bound.arguments[name] = value
        return bound

    def refused(args: tuple[Any, ...]) -> Any:
        return notify_refused(translate(args[0].lang, "error.no_access"))

    # Reflex awaits a handler only if it is a coroutine function itself, so an async handler
    # gets an async wrapper.
    if inspect.iscoroutinefunction(handler):

        @functools.wraps(handler)
        async def async_wrapper(*args: P.args, **kwargs: P.kwargs) -> Any:
            bound = bind(args, kwargs)
            return refused(args) if bound is None else await handler(*bound.args, **bound.kwargs)

        setattr(async_wrapper, CHECKED_MARK, True)
        return async_wrapper

    @functools.wraps(handler)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> Any:
        bound = bind(args, kwargs)
        return refused(args) if bound is None else handler(*bound.args, **bound.kwargs)

    setattr(wrapper, CHECKED_MARK, True)
    return wrapper
