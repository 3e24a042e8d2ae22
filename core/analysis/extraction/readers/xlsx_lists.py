"""What openpyxl's read-only mode does not load, read from the sheet XML: which sheets only feed
dropdown lists (data-validation sources), not the report, and where merged cells end.

A form keeps its pick lists ("Satisfactory, Unsatisfactory", "MΩ, GΩ") on a helper sheet that
another sheet's data validation points at (`=Lists!$A$1:$A$6`, or a defined name over it).
"""

from __future__ import annotations

import html
import posixpath
import re
import zipfile

_SHEET = re.compile(r'<sheet\b[^>]*?\bname="([^"]*)"[^>]*?\br:id="([^"]*)"')
_SHEET_REVERSED = re.compile(r'<sheet\b[^>]*?\br:id="([^"]*)"[^>]*?\bname="([^"]*)"')
_RELATION = re.compile(r'<Relationship\b[^>]*?\bId="([^"]*)"[^>]*?\bTarget="([^"]*)"')
_RELATION_REVERSED = re.compile(r'<Relationship\b[^>]*?\bTarget="([^"]*)"[^>]*?\bId="([^"]*)"')
_DEFINED_NAME = re.compile(r'<definedName\b[^>]*?\bname="([^"]*)"[^>]*>(.*?)</definedName>', re.S)
_VALIDATIONS = re.compile(r"<(?:\w+:)?dataValidations\b.*?</(?:\w+:)?dataValidations>", re.S)
_FORMULA = re.compile(r"<(?:\w+:)?(?:formula1|formula2|f)>(.*?)</", re.S)
_REFERENCE = re.compile(r"(?:'((?:[^']|'')+)'|([^\s'!=,;()&\"]+))!")
_BARE_NAME = re.compile(r"^=?\s*([A-Za-z_][\w.]*)\s*$")
_LARGEST_PART_BYTES = 32 * 1024 * 1024
"""A sheet part larger than this uncompressed is not searched for validations: a report's sheets
are far smaller, and a decompression bomb must not be read whole for a side question."""


def list_sheets(zipped: zipfile.ZipFile) -> set[str]:
    """Titles of sheets that another sheet's data validation takes its list from."""
    files = set(zipped.namelist())
    if "xl/workbook.xml" not in files or _too_large(zipped, "xl/workbook.xml"):
        return set()
    workbook = zipped.read("xl/workbook.xml").decode("utf-8", "replace")
    names = {name: _referenced(text) for name, text in _DEFINED_NAME.findall(workbook)}
    sources: set[str] = set()
    for title, path in _sheet_paths(zipped, workbook).items():
        if path not in files or _too_large(zipped, path):
            continue
        sheet = zipped.read(path).decode("utf-8", "replace")
        for block in _VALIDATIONS.findall(sheet):
            for formula in _FORMULA.findall(block):
                sources |= _sources(html.unescape(formula), names) - {title}
    return sources


_MERGE = re.compile(r'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]+)(\d+):([A-Z]+)\d+"')


def merged_ends(zipped: zipfile.ZipFile) -> dict[str, dict[str, str]]:
    """Per sheet title, each merged range's top-left cell → the range's last column
    (`B6` → `F`): where a form's label box ends, so an empty value box beside it is seen."""
    files = set(zipped.namelist())
    if "xl/workbook.xml" not in files or _too_large(zipped, "xl/workbook.xml"):
        return {}
    workbook = zipped.read("xl/workbook.xml").decode("utf-8", "replace")
    ends: dict[str, dict[str, str]] = {}
    for title, path in _sheet_paths(zipped, workbook).items():
        if path not in files or _too_large(zipped, path):
            continue
        sheet = zipped.read(path).decode("utf-8", "replace")
        ends[title] = {
            f"{first}{row}": last for first, row, last in _MERGE.findall(sheet) if last != first
        }
    return ends


def _too_large(zipped: zipfile.ZipFile, path: str) -> bool:
    return zipped.getinfo(path).file_size > _LARGEST_PART_BYTES


def _sources(formula: str, names: dict[str, set[str]]) -> set[str]:
    bare = _BARE_NAME.match(formula)
    if bare is not None and bare.group(1) in names:
        return names[bare.group(1)]
    return _referenced(formula)


def _referenced(formula: str) -> set[str]:
    """Sheet names a formula points at: `Lists!$A$1:$A$6`, `'Drop Downs'!A1:A9`."""
    return {
        (quoted.replace("''", "'") if quoted else plain)
        for quoted, plain in _REFERENCE.findall(html.unescape(formula))
    }


def _sheet_paths(zipped: zipfile.ZipFile, workbook: str) -> dict[str, str]:
    """Sheet title → its XML part, through the workbook's relationships."""
    relations_path = "xl/_rels/workbook.xml.rels"
    if relations_path not in zipped.namelist():
        return {}
    relations_text = zipped.read(relations_path).decode("utf-8", "replace")
    relations = dict(_RELATION.findall(relations_text))
    relations.update({rid: target for target, rid in _RELATION_REVERSED.findall(relations_text)})
    sheets = dict(_SHEET.findall(workbook))
    sheets.update({name: rid for rid, name in _SHEET_REVERSED.findall(workbook)})
    paths: dict[str, str] = {}
    for name, rid in sheets.items():
        target = relations.get(rid)
        if target is not None:
            path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            paths[html.unescape(name)] = posixpath.normpath(path)
    return paths
