from stafett_app.domain.assurance import acr_satisfies


def test_high_satisfies_substantial_and_not_the_other_way():
    assert acr_satisfies("idporten-loa-substantial", "idporten-loa-substantial")
    assert acr_satisfies("idporten-loa-high", "idporten-loa-substantial")
    assert not acr_satisfies("idporten-loa-substantial", "idporten-loa-high")


def test_missing_unknown_or_odd_values_satisfy_nothing():
    assert not acr_satisfies(None, "idporten-loa-substantial")
    assert not acr_satisfies("Level4", "idporten-loa-substantial")
    assert not acr_satisfies(["idporten-loa-high"], "idporten-loa-substantial")
    assert not acr_satisfies("idporten-loa-high", "some-unknown-level")


def test_the_lowest_requested_level_counts():
    assert acr_satisfies("idporten-loa-substantial", "idporten-loa-high idporten-loa-substantial")
