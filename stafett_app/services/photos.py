"""Photos: checked by what they contain (not their name), re-encoded without EXIF or GPS, kept
outside every public path, and handed out only to participants of the log.
"""

import io
import secrets
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy import event
from sqlmodel import Session, select

from stafett_app.domain.dates import utcnow
from stafett_app.domain.errors import ValidationFailed
from stafett_app.domain.permissions import Action
from stafett_app.models import Measure, Person, Photo, id_of
from stafett_app.services.access import open_log, refuse
from stafett_app.services.plan_edit import open_measure
from stafett_app.services.storage import files_dir

MAX_UPLOAD_BYTES = 8 * 1024 * 1024
# A 50-megapixel camera photo is fine; an 8880 x 8880 PNG of 10 KB that decodes to half a GB is
# not. Refused from the header, before any pixel is decoded (Pillow itself only warns below 2x).
MAX_PIXELS = 52_000_000
LONGEST_SIDE = 1600
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


@dataclass(frozen=True)
class CleanImage:
    data: bytes
    width: int
    height: int


def clean_image(raw: bytes) -> CleanImage:
    """Decode, check and re-encode as a plain JPEG: nothing from the original file survives but pixels."""
    if not raw:
        raise ValidationFailed({"photo": "error.photo_empty"})
    if len(raw) > MAX_UPLOAD_BYTES:
        raise ValidationFailed({"photo": f"error.photo_too_large|{MAX_UPLOAD_BYTES // (1024 * 1024)}"})
    try:
        with Image.open(io.BytesIO(raw)) as probe:
            if probe.format not in ACCEPTED_FORMATS:
                raise ValidationFailed({"photo": "error.photo_not_image"})
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationFailed({"photo": "error.photo_too_many_pixels"})
            probe.verify()
        with Image.open(io.BytesIO(raw)) as image:
            image.seek(0)
            image.draft("RGB", (LONGEST_SIDE * 2, LONGEST_SIDE * 2))  # JPEG: decode at a reduced scale
            upright = ImageOps.exif_transpose(image)  # keep the orientation, drop the EXIF itself
            rgb = upright.convert("RGB")
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError, ValueError):
        raise ValidationFailed({"photo": "error.photo_not_image"}) from None
    rgb.thumbnail((LONGEST_SIDE, LONGEST_SIDE))
    rgb.info.clear()  # Pillow writes info["comment"] (a JPEG COM segment) back out on save
    out = io.BytesIO()
    rgb.save(out, format="JPEG", quality=85, optimize=True)  # no exif= argument: no metadata
    return CleanImage(out.getvalue(), rgb.width, rgb.height)


def attach_measure_photo(session: Session, person: Person, log_id: int, raw: bytes, *, measure_id: int) -> int:
    """The holder adds a photo to a measure (chosen together with the child)."""
    measure: Measure = open_measure(session, person, log_id, measure_id, Action.EDIT_PLAN)
    image = clean_image(raw)
    stored_name = f"{secrets.token_hex(16)}.jpg"
    (files_dir() / stored_name).write_bytes(image.data)
    photo = Photo(
        log_id=log_id,
        stored_name=stored_name,
        content_type="image/jpeg",
        size=len(image.data),
        width=image.width,
        height=image.height,
        uploaded_by_id=id_of(person),
        uploaded_at=utcnow(),
    )
    session.add(photo)
    session.flush()
    replaced = session.get(Photo, measure.photo_id) if measure.photo_id else None
    measure.photo_id = photo.id
    session.add(measure)
    if replaced is not None:
        _forget(session, replaced)
    return id_of(photo)


def _forget(session: Session, photo: Photo) -> None:
    """A replaced photo is deleted, row and file: nobody can fetch it by its old address."""
    session.flush()  # the measure points at the new photo before the old row goes
    session.delete(photo)
    session.flush()
    path = files_dir() / photo.stored_name
    # The file goes once the deletion is committed; a rolled-back upload keeps the old photo whole.
    event.listen(session, "after_commit", lambda _session: path.unlink(missing_ok=True), once=True)


def log_of_photo(session: Session, photo_id: int) -> int | None:
    """Which log a photo belongs to (no access check: the caller checks)."""
    return session.exec(select(Photo.log_id).where(Photo.id == photo_id)).first()


def photo_for(session: Session, person: Person, photo_id: int) -> tuple[Path, str]:
    """The file of a photo, for a person who may see its log; refusals are recorded as usual."""
    photo = session.get(Photo, photo_id)
    if photo is None:
        refuse(session, person, -1, Action.VIEW_LOG)
    open_log(session, person, photo.log_id, Action.VIEW_LOG)
    return files_dir() / photo.stored_name, photo.content_type
