"""The report's PDF is tagged PDF/UA, so a screen-reader user on the board can read it."""

import io

from pypdf import PdfReader

from tests.reports.conftest import issued_report


def test_an_issued_reports_pdf_is_tagged_pdf_ua_with_its_title_and_language(world):
    report = issued_report(world)
    with report.pdf.open("rb") as stored:
        pdf = PdfReader(io.BytesIO(stored.read()))
    catalog = pdf.trailer["/Root"]
    assert "/StructTreeRoot" in catalog and bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"] == "en-GB"
    title = "Northshire Safeguarding Children Partnership: neglect strategy report for 2026/27 Q2"
    assert pdf.metadata.title == title
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])  # the title, not the file name, is shown
    assert "pdfuaid" in pdf.xmp_metadata.rdf_root.toxml() and pdf.xmp_metadata.dc_title["x-default"] == title


def _marked_text(pdf):
    """The text of each marked-content id, by (page object id, MCID)."""
    texts = {}
    for page in pdf.pages:
        current = [None]

        def before(operator, operands, cm, tm, current=current):
            if operator == b"BDC" and hasattr(operands[1], "get"):
                current[0] = operands[1].get("/MCID")
            elif operator == b"EMC":
                current[0] = None

        def text(chunk, cm, tm, font, size, page=page, current=current):
            if chunk.strip() and current[0] is not None:
                key = (page.indirect_reference.idnum, current[0])
                texts[key] = texts.get(key, "") + chunk

        page.extract_text(visitor_operand_before=before, visitor_text=text)
    return texts


def _tagged_items(node, texts, page=None):
    """Each list item (LI) of the structure tree as the text a screen reader reads for it."""
    node = node.get_object()
    page = node.get("/Pg", page) if hasattr(node, "get") else page
    kids = node.get("/K", []) if hasattr(node, "get") else []
    kids = kids if isinstance(kids, list) else [kids]

    def text_of(element, page):
        if isinstance(element, int):
            return texts.get((page.idnum, element), "")
        element = element.get_object()
        page = element.get("/Pg", page)
        inner = element.get("/K", [])
        return " ".join(text_of(k, page) for k in (inner if isinstance(inner, list) else [inner])).strip()

    if hasattr(node, "get") and node.get("/S") == "/LI":
        return [" ".join(text_of(k, page) for k in kids)]
    return [item for kid in kids if not isinstance(kid, int) for item in _tagged_items(kid, texts, page)]


def test_each_summary_tile_is_tagged_with_its_label_and_number_together(world):
    report = issued_report(world)
    with report.pdf.open("rb") as stored:
        pdf = PdfReader(io.BytesIO(stored.read()))
    items = _tagged_items(pdf.trailer["/Root"]["/StructTreeRoot"], _marked_text(pdf))
    total = report.snapshot["summary"]["actions"]["total"]
    assert f"Actions in the plan {total}" in [" ".join(item.split()) for item in items]
    assert any(" ".join(item.split()).startswith("Overdue recommendations ") for item in items)
