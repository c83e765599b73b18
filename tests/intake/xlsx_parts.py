"""Hand-written XLSX workbooks, part by part, for testing the streaming reader on exactly the
XML a test needs (openpyxl's writer cannot produce broken or unusual workbooks)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from xml.sax.saxutils import escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"

# cellXfs: 0 general, 1 built-in date format 14, 2 custom date "yyyy-mm-dd", 3 custom
# duration "[h]:mm", 4 a custom number format that is not a date
STYLES = (
    f'<styleSheet xmlns="{MAIN}"><numFmts count="3"><numFmt numFmtId="164" '
    'formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="[h]:mm"/>'
    '<numFmt numFmtId="166" formatCode="0.00"/></numFmts>'
    '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>'
    '<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/>'
    '<xf numFmtId="165"/><xf numFmtId="166"/></cellXfs></styleSheet>'
)


def header_row(columns: Sequence[str]) -> str:
    cells = "".join(f'<c t="inlineStr"><is><t>{escape(c)}</t></is></c>' for c in columns)
    return f'<row r="1">{cells}</row>'


def workbook(
    rows: str,
    shared: Sequence[str] | str | None = None,
    *,
    date1904: bool = False,
    styles: str | None = STYLES,
    extra: Sequence[tuple[str, bytes]] = (),
    prefix: str = "",
    sheets_before: int = 0,
) -> bytes:
    """A workbook whose first worksheet's <sheetData> holds `rows` (raw XML). `shared` is the
    shared-string table, as strings (escaped here) or as raw <si> XML. With `prefix`, the
    sheet uses a namespace prefix on every element ("x:"). `sheets_before` puts chart sheets
    ahead of the worksheet in the workbook's order."""
    p = prefix
    ns = f'xmlns:{p[:-1]}="{MAIN}"' if p else f'xmlns="{MAIN}"'
    sheet = f"<{p}worksheet {ns}><{p}sheetData>{rows}</{p}sheetData></{p}worksheet>"
    rels = [f'<Relationship Id="rIdS" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>']
    sheet_list = []
    for n in range(sheets_before):
        rels.append(f'<Relationship Id="rIdC{n}" Type="{REL}/chartsheet" '
                    f'Target="chartsheets/sheet{n}.xml"/>')
        sheet_list.append(f'<sheet name="Chart{n}" sheetId="{10 + n}" r:id="rIdC{n}"/>')
    sheet_list.append('<sheet name="Data" sheetId="1" r:id="rIdS"/>')
    parts: list[tuple[str, str | bytes]] = [
        ("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/'
                                '2006/content-types"/>'),
        ("_rels/.rels", f'<Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" '
                        f'Type="{REL}/officeDocument" Target="/xl/workbook.xml"/>'
                        "</Relationships>"),
        ("xl/workbook.xml",
         f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><workbookPr'
         f'{" date1904=" + chr(34) + "1" + chr(34) if date1904 else ""}/>'
         f'<sheets>{"".join(sheet_list)}</sheets></workbook>'),
        ("xl/worksheets/sheet1.xml", sheet),
    ]
    if styles is not None:
        rels.append(f'<Relationship Id="rIdY" Type="{REL}/styles" Target="styles.xml"/>')
        parts.append(("xl/styles.xml", styles))
    if shared is not None:
        items = shared if isinstance(shared, str) else "".join(
            f"<si><t>{escape(s)}</t></si>" for s in shared)
        rels.append(f'<Relationship Id="rIdT" Type="{REL}/sharedStrings" '
                    'Target="sharedStrings.xml"/>')
        parts.append(("xl/sharedStrings.xml", f'<sst xmlns="{MAIN}">{items}</sst>'))
    parts.append(("xl/_rels/workbook.xml.rels",
                  f'<Relationships xmlns="{PKG_REL}">{"".join(rels)}</Relationships>'))
    parts.extend(extra)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts:
            zf.writestr(name, data)
    return out.getvalue()
