"""Units of the municipality, the people who use Stafett, and their login sessions."""

from datetime import date

import sqlalchemy as sa
from pydantic import NaiveDatetime
from sqlalchemy import Text
from sqlmodel import Field, SQLModel


class Unit(SQLModel, table=True):
    """A municipal unit: a school, a kindergarten, a health station, a PPT office."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=120)
    kind: str = Field(max_length=20)  # domain.roles.UnitKind


class Person(SQLModel, table=True):
    """Anyone who signs in: staff, guardians, children and young people."""

    id: int | None = Field(default=None, primary_key=True)
    first_name: str = Field(max_length=80)
    last_name: str = Field(max_length=80)
    kind: str = Field(max_length=20)  # domain.roles.PersonKind
    title: str = Field(default="", max_length=80)  # job title for staff, e.g. "kontaktlærer"
    unit_id: int | None = Field(default=None, foreign_key="unit.id", index=True)
    # Leads at least one unit: kept in step with unit_leader by services.admin (the one writer), so
    # pages can offer the leader's links without a query. Which units they lead is in unit_leader.
    is_leader: bool = False
    is_admin: bool = False
    birth_date: date | None = None
    email: str = Field(default="", max_length=200)
    mobile: str = Field(default="", max_length=20, sa_column_kwargs={"server_default": ""})  # E.164
    # The right to hold logs, given by the administrator (staff only).
    may_hold_logs: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    may_be_actor: bool = Field(default=True, sa_column_kwargs={"server_default": sa.true()})
    # A person who left: kept for the logs' history, but cannot sign in.
    deactivated_at: NaiveDatetime | None = None
    language: str = Field(default="nb", max_length=2, sa_column_kwargs={"server_default": "nb"})  # nb, nn or en
    # Subject from the identity provider (a hash, never the national identity number itself).
    login_subject: str | None = Field(default=None, max_length=128, unique=True)
    # The national identity number (`pid` from ID-porten): only encrypted, and found through a keyed hash.
    national_id_encrypted: str | None = Field(default=None, sa_type=Text)
    national_id_index: str | None = Field(default=None, max_length=64, unique=True)
    # An invented person: the practice log they were made for (domain.practice), deleted with it. No
    # foreign key, so SQLite need not rebuild the person table every other table points at.
    practice_log_id: int | None = Field(default=None, index=True)


class UnitLeader(SQLModel, table=True):
    """One person leading one unit: a head of two schools, or a leader of a kindergarten and a school."""

    __tablename__ = "unit_leader"
    unit_id: int = Field(foreign_key="unit.id", primary_key=True)
    person_id: int = Field(foreign_key="person.id", primary_key=True, index=True)


class LoginSession(SQLModel, table=True):
    """A signed-in browser. Only a hash of the cookie token is stored."""

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    created_at: NaiveDatetime
    expires_at: NaiveDatetime  # the absolute end, however active the person is
    ended_at: NaiveDatetime | None = None
    last_seen_at: NaiveDatetime | None = None  # for the idle timeout; written at most once a minute
    # From the identity provider: its session id (front-channel logout names it) and, encrypted, the
    # ID token for the sign-out hint (it carries the pid). A refresh token is not kept: nothing here calls an
    # API with it, and it must not stretch a session past its absolute end.
    provider_issuer: str | None = Field(default=None, max_length=300)
    provider_sid: str | None = Field(default=None, max_length=200, index=True)
    id_token_encrypted: str | None = Field(default=None, sa_type=Text)
    # The adult showed a child their page on this device: only that log's child page until the adult
    # signs in again (services.child_mode). Kept on the login, so every tab and route of it obeys.
    child_log_id: int | None = None


class PendingLogin(SQLModel, table=True):
    """A sign-in started at the identity provider and not yet come back. Used once, then deleted.

    Bound to the browser that started it by the hash of a random pre-login cookie."""

    id: int | None = Field(default=None, primary_key=True)
    browser_hash: str = Field(max_length=64, index=True)
    state: str = Field(max_length=100, unique=True)
    nonce: str = Field(max_length=100)
    code_verifier: str = Field(max_length=128)
    silent: bool = False  # a prompt=none renewal: no page at the provider
    created_at: NaiveDatetime
