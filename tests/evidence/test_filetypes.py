"""A file is taken as evidence for what it holds, not for what it is called."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from evidence import filetypes
from tests.evidence.conftest import JPEG, PDF, PNG, office, upload, xlsx


# Each case is named by its file: an Office file's bytes carry the time it was zipped,
# which differs between the processes that collect the tests.
@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        pytest.param(name, content, kind, id=name)
        for name, content, kind in [
            ("Board minutes.pdf", PDF, filetypes.PDF),
            ("Evaluation.docx", office("word/document.xml"), filetypes.DOCX),
            ("Figures.xlsx", xlsx(), filetypes.XLSX),
            ("Briefing.pptx", office("ppt/presentation.xml"), filetypes.PPTX),
            ("Poster.png", PNG, filetypes.PNG),
            ("Photo of the display.JPG", JPEG, filetypes.JPEG),
            ("Photo.jpeg", JPEG, filetypes.JPEG),
        ]
    ],
)
def test_each_kind_is_known_by_its_content(name, content, kind):
    assert filetypes.check(upload(name, content)) == kind


def test_a_file_renamed_to_pdf_that_is_not_a_pdf_is_refused():
    with pytest.raises(ValidationError) as refused:
        filetypes.check(upload("report.pdf", b"<html><script>alert(1)</script></html>"))
    assert refused.value.messages == [
        "The selected file is named .pdf but is not a PDF: upload a PDF, a Word, Excel or PowerPoint document, "
        "or a PNG or JPEG image"
    ]


def test_a_word_document_named_pdf_is_refused_with_the_name_to_give_it():
    with pytest.raises(ValidationError) as refused:
        filetypes.check(upload("report.pdf", office("word/document.xml")))
    assert refused.value.messages == [
        "The selected file is named .pdf but is a Word document: rename it to end in .docx and upload it again"
    ]


def test_a_zip_that_is_no_office_document_is_refused():
    with pytest.raises(ValidationError, match=r"is named \.docx but is not a Word document"):
        filetypes.check(upload("minutes.docx", _zip({"notes.txt": "hello"})))


def test_a_broken_zip_is_refused():
    with pytest.raises(ValidationError, match=r"is named \.xlsx but is not an Excel workbook"):
        filetypes.check(upload("figures.xlsx", b"PK\x03\x04" + b"\x00" * 200))


@pytest.mark.parametrize("name", ["run.exe", "page.html", "notes.txt", "no-extension"])
def test_other_kinds_are_refused(name):
    with pytest.raises(ValidationError, match="The selected file must be a PDF, a Word, Excel or PowerPoint document"):
        filetypes.check(upload(name, b"MZ\x90\x00 something that runs"))


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError, match="The selected file is empty"):
        filetypes.check(upload("empty.pdf", b""))


def test_a_file_over_10_mb_is_refused_and_one_of_10_mb_is_taken():
    limit = 10 * 1024 * 1024
    assert filetypes.check(upload("big.pdf", PDF + b"\0" * (limit - len(PDF)))) == filetypes.PDF
    with pytest.raises(ValidationError) as refused:
        filetypes.check(upload("bigger.pdf", PDF + b"\0" * (limit + 1 - len(PDF))))
    assert refused.value.messages == ["The selected file must be smaller than 10 MB"]


def _zip(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()
