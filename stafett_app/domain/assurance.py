"""Levels of assurance (acr) from ID-porten: a higher level satisfies a lower one, an unknown one nothing."""

LEVELS = {"idporten-loa-substantial": 1, "idporten-loa-high": 2}


def acr_satisfies(returned: object, requested: str) -> bool:
    """Whether the level the provider says it used reaches the lowest level we asked for (`acr_values`)."""
    wanted = [LEVELS[value] for value in requested.split() if value in LEVELS]
    if not isinstance(returned, str) or returned not in LEVELS or not wanted:
        return False
    return LEVELS[returned] >= min(wanted)
