"""The message the municipality's archive receives through KS Fiks Arkiv for one archive copy:
`arkivmelding.opprett` (Fiks Arkiv v1), vendored with its licence in stafett_app/archive_schemas.

One folder (mappe) per log and one journal entry (journalpost, type X: internal note) per copy,
each with an external key, so a later copy lands in the same folder. The PDF/A is the main document
in archive format. Everything is access-restricted: a log is about a child and under a duty of
confidentiality, so it is exempt from public access under offentleglova § 13 with
forvaltningsloven § 13 first paragraph no. 1; the public title has no name.
"""

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

NS = "https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/arkivmelding/opprett/v1"
# Children of the metadata catalogue's own types (codes, external keys) are in its namespace.
MDK = "https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/metadatakatalog/v1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_DIR = Path(__file__).resolve().parent.parent / "archive_schemas" / "fiks-arkiv-v1"
SCHEMA = SCHEMA_DIR / "no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett.xsd"

SYSTEM = "Stafett"
ACCESS_CODE, ACCESS_TEXT = "13", "Taushetsplikt"
LEGAL_BASIS = "Offl. § 13 jf. fvl. § 13 første ledd nr. 1"


@dataclass(frozen=True)
class ArchiveEntry:
    log_id: int
    copy_id: int
    child_first_name: str
    unit_name: str
    trigger_label: str
    made_at: datetime  # UTC
    filename: str
    sha256: str
    size: int


def log_key(log_id: int) -> str:
    return f"stafettlogg-{log_id}"


def copy_key(log_id: int, copy_id: int) -> str:
    return f"stafettlogg-{log_id}-kopi-{copy_id}"


def _add(parent: ET.Element, name: str, text: object | None = None, ns: str = NS, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ns}}}{name}", attributes)
    if text is not None:
        element.text = str(text)
    return element


def _code(parent: ET.Element, name: str, code: str, description: str) -> None:
    element = _add(parent, name)
    _add(element, "kode", code, ns=MDK)
    _add(element, "beskrivelse", description, ns=MDK)


def _external_key(parent: ET.Element, name: str, key: str, ns: str = NS) -> None:
    element = _add(parent, name, ns=ns)
    _add(element, "fagsystem", SYSTEM, ns=MDK)
    _add(element, "noekkel", key, ns=MDK)


def _restriction(parent: ET.Element) -> None:
    element = _add(parent, "skjerming")
    _code(element, "tilgangsrestriksjon", ACCESS_CODE, ACCESS_TEXT)
    _add(element, "skjermingshjemmel", LEGAL_BASIS)


def arkivmelding_xml(entry: ArchiveEntry) -> bytes:
    ET.register_namespace("", NS)
    ET.register_namespace("n5mdk", MDK)
    ET.register_namespace("xsi", XSI)
    made = entry.made_at.replace(microsecond=0).isoformat() + "Z"
    root = ET.Element(f"{{{NS}}}arkivmelding")
    _add(root, "system", SYSTEM)
    _add(root, "antallFiler", 1)

    folder = _add(root, "mappe")
    _add(folder, "tittel", f"Stafettlogg for {entry.child_first_name}")
    _add(folder, "offentligTittel", "Stafettlogg for *****")
    _add(folder, "beskrivelse", entry.unit_name)
    _restriction(folder)
    _external_key(folder, "referanseEksternNoekkel", log_key(entry.log_id))

    record = _add(root, "registrering", **{f"{{{XSI}}}type": "journalpost"})
    _add(record, "opprettetDato", made)
    _add(record, "opprettetAv", SYSTEM)
    parent = _add(record, "referanseForelderMappe")
    _external_key(parent, "referanseEksternNoekkel", log_key(entry.log_id), ns=MDK)
    _restriction(record)
    document = _add(record, "dokumentbeskrivelse")
    _code(document, "dokumentstatus", "F", "Dokumentet er ferdigstilt")
    _add(document, "tittel", f"Arkivkopi av stafettloggen for {entry.child_first_name}")
    _add(document, "opprettetDato", made)
    _add(document, "opprettetAv", SYSTEM)
    _code(document, "tilknyttetRegistreringSom", "H", "Hoveddokument")
    _add(document, "dokumentnummer", 1)
    _restriction(document)
    file = _add(document, "dokumentobjekt")
    _add(file, "versjonsnummer", 1)
    _code(file, "variantformat", "A", "Arkivformat")
    _code(file, "format", "RA-PDF", "PDF/A - ISO 19005")
    _add(file, "formatDetaljer", "PDF/A-2b")
    _add(file, "mimeType", "application/pdf")
    _add(file, "opprettetDato", made)
    _add(file, "filnavn", entry.filename)
    _add(file, "referanseDokumentfil", entry.filename)
    _add(file, "sjekksum", entry.sha256)
    _add(file, "sjekksumAlgoritme", "SHA-256")
    _add(file, "filstoerrelse", entry.size)
    _add(record, "tittel", f"Arkivkopi av stafettloggen for {entry.child_first_name} ({entry.trigger_label})")
    _add(record, "offentligTittel", f"Arkivkopi av stafettlogg ({entry.trigger_label})")
    _external_key(record, "referanseEksternNoekkel", copy_key(entry.log_id, entry.copy_id))
    _code(record, "journalposttype", "X", "Organinternt dokument uten oppfølging")
    _code(record, "journalstatus", "F", "Ferdigstilt fra saksbehandler")
    _add(record, "dokumentetsDato", entry.made_at.date().isoformat())
    _add(record, "antallVedlegg", 0)
    ET.indent(root)
    written: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return written


@cache
def _schema():
    import xmlschema  # noqa: PLC0415  (loaded when the first package is checked, not at start)

    return xmlschema.XMLSchema(str(SCHEMA))


def validate(xml: bytes) -> None:
    """Raises xmlschema's error when the message does not follow the published schema. Every
    package is checked before it is written: one the archive would refuse never goes out."""
    _schema().validate(xml.decode("utf-8"))
