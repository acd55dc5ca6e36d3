import pytest
from sqlmodel import select

from stafett_app.models import Person, StafettLog
from stafett_app.seed import seed
from stafett_app.services import rate_limits


@pytest.fixture
def seeded(session):
    assert seed(session)
    session.commit()
    return session


@pytest.fixture
def people(seeded):
    """Seeded people by first name."""
    return {p.first_name.lower(): p for p in seeded.exec(select(Person)).all()}


@pytest.fixture
def logs(seeded, people):
    """Seeded logs by the child's first name (the demo children's names are unique; the generated
    unit repeats first names, and its logs are not wanted here)."""
    by_child = {p.id: name for name, p in people.items()}
    return {by_child[log.child_id]: log for log in seeded.exec(select(StafettLog)).all() if log.child_id in by_child}


@pytest.fixture
def fresh_limits():
    """Every rate-limit count forgotten before and after the test."""
    rate_limits.reset()
    yield
    rate_limits.reset()
