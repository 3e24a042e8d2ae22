"""Workbooks for the hostile corpus (`samples/hostile.py`): zip bombs, entity bombs, macro and
linked workbooks, and the breaker packages, written by hand or by openpyxl and re-zipped with
fixed timestamps (openpyxl's document properties still carry the time they were written)."""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable, Iterable

from samples.package_files import breaker
from samples.package_files import workbook as plain_workbook

_ZIP_TIME = (2026, 3, 1, 9, 0, 0)
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_SHEET_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_BOOK_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
_MACRO_BOOK_CT = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
_STRINGS_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    """A workbook of these sheets, re-zipped with fixed timestamps."""
    return rezip(plain_workbook(sheets))


def breakers_workbook(count: int) -> bytes:
    return workbook({f"CB-{n}": breaker(f"CB-{n}") for n in range(1, count + 1)})


# --- zip / XLSX plumbing -------------------------------------------------------------------

Part = bytes | Callable[[io.BufferedIOBase], None]
"""A member's bytes, or a function that streams them into the open member."""


def zip_of(parts: Iterable[tuple[str, Part]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, part in parts:
            info = zipfile.ZipInfo(name, _ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            if isinstance(part, bytes):
                archive.writestr(info, part, compresslevel=9)
            else:
                with archive.open(info, "w", force_zip64=True) as member:
                    part(member)  # type: ignore[arg-type]
    return buffer.getvalue()


def rezip(content: bytes, changes: dict[str, Part] | None = None) -> bytes:
    """An archive's members with fixed timestamps, `changes` replacing or adding members."""
    changes = dict(changes or {})
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        members: list[tuple[str, Part]] = [
            (name, changes.pop(name, archive.read(name))) for name in archive.namelist()
        ]
    return zip_of([*members, *changes.items()])


def minimal_xlsx(
    sheet: Part, shared_strings: Part | None = None, sheet_path: str = "worksheets/sheet1.xml"
) -> bytes:
    """A one-sheet workbook written by hand, so a sheet or its strings (or the sheet's part
    name) can be anything."""
    strings_ct = (
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_STRINGS_CT}"/>'
        if shared_strings is not None
        else ""
    )
    strings_rel = (
        f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
        if shared_strings is not None
        else ""
    )
    parts: list[tuple[str, Part]] = [
        (
            "[Content_Types].xml",
            f'<?xml version="1.0"?><Types xmlns="{_CT}">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_BOOK_CT}"/>'
            f'<Override PartName="/xl/{sheet_path}" ContentType="{_SHEET_CT}"/>'
            f"{strings_ct}</Types>".encode(),
        ),
        (
            "_rels/.rels",
            f'<?xml version="1.0"?><Relationships xmlns="{_PKG_REL}">'
            f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>".encode(),
        ),
        (
            "xl/workbook.xml",
            f'<?xml version="1.0"?><workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
            '<sheet name="Report" sheetId="1" r:id="rId1"/></sheets></workbook>'.encode(),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0"?><Relationships xmlns="{_PKG_REL}">'
            f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="{sheet_path}"/>'
            f"{strings_rel}</Relationships>".encode(),
        ),
        (f"xl/{sheet_path}", sheet),
    ]
    if shared_strings is not None:
        parts.append(("xl/sharedStrings.xml", shared_strings))
    return zip_of(parts)


def sheet_xml(body: str, doctype: str = "") -> bytes:
    return (
        f'<?xml version="1.0"?>{doctype}<worksheet xmlns="{_MAIN}"><sheetData>{body}'
        "</sheetData></worksheet>"
    ).encode()


def laughs(levels: int = 10) -> str:
    """The DOCTYPE of the billion laughs: &lol{levels-1}; expands to 10**(levels-1) 'lol's."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, levels)
    ]
    return f"<!DOCTYPE lolz [{''.join(entities)}]>"


def zip_bomb_xlsx(inflated_mb: int = 250, sheet_path: str = "worksheets/sheet1.xml") -> bytes:
    """A sheet whose XML inflates to `inflated_mb` MB of numeric cells from ~2 MB: one block
    of rows, mostly alike (one in 256 random), written again and again."""
    rng = random.Random(13)
    same = "<row>" + "<c><v>1</v></c>" * 10 + "</row>"
    rows = [
        "<row>" + "".join(f"<c><v>{rng.randrange(10**6)}</v></c>" for _ in range(10)) + "</row>"
        if index % 256 == 0
        else same
        for index in range(8000)
    ]
    block = "".join(rows).encode()

    def stream(member: io.BufferedIOBase) -> None:
        member.write(f'<?xml version="1.0"?><worksheet xmlns="{_MAIN}"><sheetData>'.encode())
        for _ in range(inflated_mb * 1_000_000 // len(block) + 1):
            member.write(block)
        member.write(b"</sheetData></worksheet>")

    return minimal_xlsx(stream, sheet_path=sheet_path)


def tight_xlsx(inflated_mb: int = 12) -> bytes:
    """Under the unpacked-size limit, but packed a thousand times tighter than data is: a
    sheet of hundreds of thousands of identical cells."""
    row = b"<row><c><v>1</v></c><c><v>1</v></c></row>"

    def stream(member: io.BufferedIOBase) -> None:
        member.write(f'<?xml version="1.0"?><worksheet xmlns="{_MAIN}"><sheetData>'.encode())
        block = row * 25_000
        for _ in range(inflated_mb * 1_000_000 // len(block)):
            member.write(block)
        member.write(b"</sheetData></worksheet>")

    return minimal_xlsx(stream)


def many_cells_xlsx(rows: int = 2000, columns: int = 1000) -> bytes:
    """Millions of varied numbers (a normal compression ratio, ~7) in one sheet, a few MB
    zipped: the workbook that held a worker for 125 s. A block of 100 random rows repeats (a
    repeat is farther back than deflate's 32 KB window, so it packs no tighter)."""
    rng = random.Random(11)
    block = "".join(
        "<row>"
        + "".join(f"<c><v>{rng.randrange(10_000)}</v></c>" for _ in range(columns))
        + "</row>"
        for _ in range(100)
    ).encode()

    def stream(member: io.BufferedIOBase) -> None:
        member.write(f'<?xml version="1.0"?><worksheet xmlns="{_MAIN}"><sheetData>'.encode())
        for _ in range(rows // 100):
            member.write(block)
        member.write(b"</sheetData></worksheet>")

    return minimal_xlsx(stream)


def with_macros(content: bytes) -> bytes:
    """An .xlsm: the workbook marked macro-enabled, with a vbaProject.bin (an OLE2 stub)."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        types = archive.read("[Content_Types].xml").decode()
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    types = types.replace(_BOOK_CT, _MACRO_BOOK_CT).replace(
        "</Types>",
        '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>',
    )
    rels = rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/'
        'vbaProject" Target="vbaProject.bin"/></Relationships>',
    )
    vba = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(random.Random(3).randbytes(4088))
    return rezip(
        content,
        {
            "[Content_Types].xml": types.encode(),
            "xl/_rels/workbook.xml.rels": rels.encode(),
            "xl/vbaProject.bin": vba,
        },
    )


def with_external_link(content: bytes) -> bytes:
    """The workbook linked to another workbook on a file share and to a web address."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        types = archive.read("[Content_Types].xml").decode()
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
        book = archive.read("xl/workbook.xml").decode()
    link_ct = "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"
    types = types.replace(
        "</Types>",
        f'<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType="{link_ct}"/>'
        "</Types>",
    )
    rels = rels.replace(
        "</Relationships>",
        f'<Relationship Id="rIdLink" Type="{_REL}/externalLink" '
        'Target="externalLinks/externalLink1.xml"/></Relationships>',
    )
    book = book.replace(
        "</sheets>",
        '</sheets><externalReferences><externalReference r:id="rIdLink"/></externalReferences>',
    )
    if 'xmlns:r="' not in book:
        book = book.replace("<workbook ", f'<workbook xmlns:r="{_REL}" ', 1)
    link = (
        f'<?xml version="1.0"?><externalLink xmlns="{_MAIN}" xmlns:r="{_REL}">'
        '<externalBook r:id="rId1"><sheetNames><sheetName val="Sheet1"/></sheetNames>'
        '<sheetDataSet><sheetData sheetId="0"><row r="1"><cell r="A1"><v>1</v></cell></row>'
        "</sheetData></sheetDataSet></externalBook></externalLink>"
    )
    link_rels = (
        f'<?xml version="1.0"?><Relationships xmlns="{_PKG_REL}">'
        f'<Relationship Id="rId1" Type="{_REL}/externalLinkPath" '
        'Target="file:///\\\\fileserver\\secret\\other.xlsx" TargetMode="External"/>'
        f'<Relationship Id="rId2" Type="{_REL}/hyperlink" Target="http://127.0.0.1:9/x" '
        'TargetMode="External"/></Relationships>'
    )
    return rezip(
        content,
        {
            "[Content_Types].xml": types.encode(),
            "xl/_rels/workbook.xml.rels": rels.encode(),
            "xl/workbook.xml": book.encode(),
            "xl/externalLinks/externalLink1.xml": link.encode(),
            "xl/externalLinks/_rels/externalLink1.xml.rels": link_rels.encode(),
        },
    )


def entity_bomb_in_strings() -> bytes:
    return minimal_xlsx(
        sheet_xml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'),
        f'<?xml version="1.0"?>{laughs()}<sst xmlns="{_MAIN}" count="1" '
        'uniqueCount="1"><si><t>&lol9;</t></si></sst>'.encode(),
    )


def entity_bomb_in_sheet() -> bytes:
    body = '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    return minimal_xlsx(sheet_xml(body, laughs()))
