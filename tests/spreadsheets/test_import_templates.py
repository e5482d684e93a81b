"""The downloadable templates: the columns to fill in, instructions for each, and an example that imports."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from actions.models import Action
from outcomes.models import Measurement
from spreadsheets import services
from spreadsheets.models import Upload
from spreadsheets.readers import FileRefused
from tests.spreadsheets.conftest import PLAN_HEADERS, VALUE_HEADERS, membership, run_import


def download(client, name, extension):
    response = client.get(reverse(f"spreadsheets:{name}_template", args=[extension]))
    assert response.status_code == 200
    return response


def workbook(response):
    assert response["Content-Disposition"].endswith('template.xlsx"')
    return load_workbook(io.BytesIO(response.content))


def instructions(book):
    rows = list(book["Instructions"].iter_rows(values_only=True))
    start = next(i for i, row in enumerate(rows) if row[0] == "Column")
    return {row[0]: row[1:] for row in rows[start + 1 :]}


def test_the_action_plan_template_has_an_empty_sheet_to_fill_in_and_instructions_for_every_column(cast, client_for):
    book = workbook(download(client_for(cast.steve), "action_plan", "xlsx"))

    assert book.sheetnames == ["Action plan", "Instructions"]
    assert [list(row) for row in book["Action plan"].iter_rows(values_only=True)] == [PLAN_HEADERS]
    guide = instructions(book)
    assert list(guide) == PLAN_HEADERS
    assert guide["Priority number"][:1] == ("Required",)
    assert guide["Priority number"][2] == "1 (Early help); 2 (Recognising neglect)"
    assert guide["Lead agency"][2] == "Northshire Council; Northshire ICB; Northshire Police"
    assert guide["Status"][:1] == ("Optional",)
    assert guide["Status"][2] == "Not started, On track, At risk, Off track, Completed, Cancelled"
    assert guide["Lead e-mail"][3] == "steve@example.org"


def test_the_example_row_of_the_instructions_imports(cast, client_for):
    book = workbook(download(client_for(cast.steve), "action_plan", "xlsx"))
    example = [values[3] for values in instructions(book).values()]
    book["Action plan"].append(example)
    buffer = io.BytesIO()
    book.save(buffer)

    assert run_import(cast.steve, Upload.Kind.ACTION_PLAN, buffer.getvalue(), "plan.xlsx").counts["new"] == 1
    assert Action.objects.filter(priority=cast.p1, reference="P1.9").exists()


def test_the_indicator_values_template_lists_only_the_indicators_the_person_may_enter(cast, indicators, client_for):
    client = client_for(cast.sam)
    book = workbook(download(client, "indicator_values", "xlsx"))

    assert book.sheetnames == ["Indicator values", "Instructions", "Indicators"]
    assert [list(row) for row in book["Indicator values"].iter_rows(values_only=True)] == [VALUE_HEADERS]
    listed = list(book["Indicators"].iter_rows(values_only=True))[3:]
    assert listed == [("TR-1", "Staff trained", "Count", "Quarterly", "Northshire ICB")]
    guide = instructions(book)
    assert guide["Indicator code"][2] == "TR-1 (see the Indicators sheet)"

    example = [values[3] for values in guide.values()]
    book["Indicator values"].append(example)
    buffer = io.BytesIO()
    book.save(buffer)
    run_import(cast.sam, Upload.Kind.INDICATOR_VALUES, buffer.getvalue(), "values.xlsx")
    assert Measurement.objects.get().indicator.code == "TR-1"


@pytest.mark.parametrize(("name", "headers"), [("action_plan", PLAN_HEADERS), ("indicator_values", VALUE_HEADERS)])
def test_the_csv_template_is_the_header_row_in_utf8_for_excel(cast, indicators, client_for, name, headers):
    response = download(client_for(cast.alice), name, "csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content == ("\ufeff" + ",".join(headers) + "\r\n").encode()


def test_an_empty_template_uploaded_as_it_is_says_there_is_nothing_to_import(cast, client_for):
    data = download(client_for(cast.steve), "action_plan", "xlsx").content
    with pytest.raises(FileRefused, match=r"^The file has no rows to import below its header row \(row 1\)$"):
        services.upload_create(membership(cast.steve), Upload.Kind.ACTION_PLAN, "template.xlsx", data)


def test_an_unknown_template_format_is_not_found(cast, client_for):
    assert client_for(cast.steve).get(reverse("spreadsheets:action_plan_template", args=["pdf"])).status_code == 404
