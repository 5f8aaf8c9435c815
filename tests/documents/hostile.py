"""Hostile Word and Excel files, written part by part (zipfile and hand-written XML) as an attacker writes them:
small on the wire, huge once read. Shared by tests/documents/test_hostile_files.py and bench/hostile.py.

Each was measured against the portal before its readers were bounded (issue 13): the sheet rows of `far_rows`
took 75 s of an officer's offline upload, the declared dimension 65 s at /import/, the shared strings 36 s and
531 MB, the gridSpan 7 s and 285 MB.
"""

import io
import zipfile

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
WORD = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
OFFICE = "application/vnd.openxmlformats-officedocument"


def package(parts, compression=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression, compresslevel=9) as archive:
        for path, content in parts.items():
            archive.writestr(path, content)
    return buffer.getvalue()


def xlsx(sheet_data, dimension=None, entries=1, shared_strings=None, compression=zipfile.ZIP_DEFLATED, styles=None):
    """A workbook of `entries` sheets, all pointing at one worksheet part whose <sheetData> holds `sheet_data`."""
    overrides = [
        ("/xl/workbook.xml", f"{OFFICE}.spreadsheetml.sheet.main+xml"),
        ("/xl/worksheets/sheet1.xml", f"{OFFICE}.spreadsheetml.worksheet+xml"),
    ]
    parts = {}
    relations = "".join(
        f'<Relationship Id="rId{i}" Type="{RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/>'
        for i in range(1, entries + 1)
    )
    if shared_strings is not None:
        overrides.append(("/xl/sharedStrings.xml", f"{OFFICE}.spreadsheetml.sharedStrings+xml"))
        relations += f'<Relationship Id="rIdS" Type="{RELATIONSHIPS}/sharedStrings" Target="sharedStrings.xml"/>'
        parts["xl/sharedStrings.xml"] = shared_strings
    if styles is not None:
        overrides.append(("/xl/styles.xml", f"{OFFICE}.spreadsheetml.styles+xml"))
        relations += f'<Relationship Id="rIdT" Type="{RELATIONSHIPS}/styles" Target="styles.xml"/>'
        parts["xl/styles.xml"] = styles
    parts["[Content_Types].xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{TYPES}">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in overrides)
        + "</Types>"
    )
    parts["_rels/.rels"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PACKAGE}">'
        f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    sheets = "".join(f'<sheet name="Sheet{i}" sheetId="{i}" r:id="rId{i}"/>' for i in range(1, entries + 1))
    parts["xl/workbook.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}">'
        f"<sheets>{sheets}</sheets></workbook>"
    )
    parts["xl/_rels/workbook.xml.rels"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PACKAGE}">{relations}</Relationships>'
    )
    declared = f'<dimension ref="{dimension}"/>' if dimension else ""
    parts["xl/worksheets/sheet1.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">{declared}'
        f"<sheetData>{sheet_data}</sheetData></worksheet>"
    )
    return package(parts, compression)


def cell(reference, text):
    return f'<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>'


def far_rows(entries=10):
    """Ten sheet entries pointing at one sheet whose rows are 1 and 1,048,576 (1.9 KB; 75 s offline)."""
    return xlsx(f'<row r="1">{cell("A1", "Mã")}</row><row r="1048576">{cell("A1048576", "x")}</row>', None, entries)


def declared_dimension():
    """One cell and an empty last row, declaring A1:XFD65536: every row between read as 16,384 empty cells
    (1.8 KB; 65 s at /import/)."""
    return xlsx(f'<row r="1">{cell("A1", "x")}</row><row r="65536"/>', "A1:XFD65536")


def shared_strings(count=5_000_000, distinct=False):
    """`count` shared strings, held in a list when the workbook opens (5 million: 203 KB; 36 s, 531 MB);
    `distinct` ones compress as real texts do, under the ratio limit."""
    strings = "".join(f"<si><t>{n}</t></si>" for n in range(count)) if distinct else "<si><t>x</t></si>" * count
    sst = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="{count}">{strings}</sst>'
    return xlsx('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', shared_strings=sst)


def cell_formats(count):
    """`count` cell formats (<xf>), each an object openpyxl builds when the workbook opens; stored."""
    xf = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>' * count
    styles = f'<?xml version="1.0"?><styleSheet xmlns="{MAIN}"><cellXfs count="{count}">{xf}</cellXfs></styleSheet>'
    return xlsx(f'<row r="1">{cell("A1", "x")}</row>', styles=styles, compression=zipfile.ZIP_STORED)


def sheet(rows, columns, dimension=None, blank_cells=0, compression=zipfile.ZIP_DEFLATED):
    """Content in A1 and in the cell at (`rows`, `columns`), `blank_cells` styled empty cells after A1."""
    last = f"{column_letter(columns)}{rows}"
    blanks = '<c s="0"/>' * blank_cells  # numbered by the reader: B1, C1, ...
    if rows == 1:
        first = "" if columns == 1 else cell(last, "y")
        return xlsx(f'<row r="1">{cell("A1", "x")}{blanks}{first}</row>', dimension, compression=compression)
    data = f'<row r="1">{cell("A1", "x")}{blanks}</row><row r="{rows}">{cell(last, "y")}</row>'
    return xlsx(data, dimension, compression=compression)


def column_letter(number):
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def docx(body, compression=zipfile.ZIP_DEFLATED):
    """A Word package whose <w:body> is `body`."""
    return package(
        {
            "[Content_Types].xml": (
                f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{TYPES}">'
                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/>'
                f'<Override PartName="/word/document.xml" ContentType="{OFFICE}.wordprocessingml.document.main+xml"/>'
                "</Types>"
            ),
            "_rels/.rels": (
                f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PACKAGE}">'
                f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/officeDocument" Target="word/document.xml"/>'
                "</Relationships>"
            ),
            "word/document.xml": (
                f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{WORD}"><w:body>{body}</w:body>'
                "</w:document>"
            ),
        },
        compression,
    )


def word_cell(text, span=1, merge=None):
    properties = f'<w:gridSpan w:val="{span}"/>' if span != 1 else ""
    properties += f'<w:vMerge w:val="{merge}"/>' if merge else ""
    return f"<w:tc><w:tcPr>{properties}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def word_table(rows):
    return (
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
        + "".join(f"<w:tr>{''.join(row)}</w:tr>" for row in rows)
        + "</w:tbl>"
    )


def grid_span(span=1_000_000, rows=20):
    """A task table whose cells each declare a span of a million grid columns (7 s, 285 MB)."""
    header = [word_cell("TT"), word_cell("Nội dung", span)]
    return docx(word_table([header] + [[word_cell(str(n)), word_cell("x", span)] for n in range(1, rows)]))


def tall_merge(rows):
    """A task table whose second column is one cell merged down over `rows` rows."""
    body = [[word_cell("TT"), word_cell("Nội dung", merge="restart")]]
    body += [[word_cell(str(n)), word_cell("", merge="continue")] for n in range(1, rows)]
    return docx(word_table(body))


def long_table(rows):
    return docx(
        word_table(
            [[word_cell("TT"), word_cell("Nội dung")]] + [[word_cell(str(n)), word_cell("x")] for n in range(1, rows)]
        )
    )


def blank_rows(count):
    """A sheet whose row 1 is followed by `count` empty <row> elements (formatted rows, as Excel writes them)."""
    return xlsx(f'<row r="1">{cell("A1", "TT")}</row>' + "".join(f'<row r="{n}"/>' for n in range(2, count + 2)))


def paragraphs(count):
    """A Word document of `count` one-word paragraphs (four XML elements each), stored: under the ratio limit."""
    return docx("<w:p><w:r><w:t>x</w:t></w:r></w:p>" * count, zipfile.ZIP_STORED)


def runs(count):
    """A Word document of one paragraph of `count` runs, stored."""
    return docx("<w:p>" + "<w:r><w:t>x</w:t></w:r>" * count + "</w:p>", zipfile.ZIP_STORED)
