"""The national identity number at rest: encrypted (Fernet: AES-128-CBC + HMAC) and found by a keyed hash.

Both keys come from one secret in the environment (STAFETT_IDENTITY_KEY) through HKDF, so a copy of the
database alone neither shows the numbers nor lets anyone test a guessed number against the index.
"""

import base64
import hashlib
import hmac
from dataclasses import dataclass
from functools import cache

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlmodel import Session, select

from stafett_app.domain.national_id import parse_national_id
from stafett_app.models import Person
from stafett_app.settings import get_settings

MIN_SECRET_LENGTH = 32


class IdentityKeyMissing(RuntimeError):
    pass


@dataclass(frozen=True)
class IdentityKeys:
    fernet: Fernet
    index_key: bytes


def _derive(secret: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"stafett " + purpose).derive(secret)


@cache
def _keys_for(secret: str) -> IdentityKeys:
    if len(secret) < MIN_SECRET_LENGTH:
        raise IdentityKeyMissing(f"STAFETT_IDENTITY_KEY must be at least {MIN_SECRET_LENGTH} characters of random")
    raw = secret.encode()
    return IdentityKeys(
        fernet=Fernet(base64.urlsafe_b64encode(_derive(raw, b"identity encryption"))),
        index_key=_derive(raw, b"identity index"),
    )


def keys() -> IdentityKeys:
    return _keys_for(get_settings().identity_key.get_secret_value())


def encrypt(text: str) -> str:
    return keys().fernet.encrypt(text.encode()).decode()


def decrypt(token: str) -> str | None:
    try:
        return keys().fernet.decrypt(token.encode()).decode()
    except InvalidToken:
        return None


def national_id_index(national_id: str) -> str:
    return hmac.new(keys().index_key, national_id.encode(), hashlib.sha256).hexdigest()


def set_national_id(session: Session, person: Person, text: str) -> None:
    """Staff typing a number in: checked (control digits, date), then stored only encrypted."""
    digits = parse_national_id(text).digits
    person.national_id_encrypted = encrypt(digits)
    person.national_id_index = national_id_index(digits)
    session.add(person)


def person_by_national_id(session: Session, national_id: str) -> Person | None:
    return session.exec(select(Person).where(Person.national_id_index == national_id_index(national_id))).first()
