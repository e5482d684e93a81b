"""The downloadable templates of every registered import: the header row as CSV, and what an untouched one does."""

import pytest
from django.urls import reverse

from actions.imports import ActionPlanImporter
from outcomes.imports import IndicatorValuesImporter
from tests.actions.helpers import TEMPLATE_PLAN_HEADERS
from tests.outcomes.helpers import TEMPLATE_VALUE_HEADERS
from tests.spreadsheets.helpers import refusal_of, template_download

PLAN = ActionPlanImporter.kind


@pytest.mark.parametrize(
    ("kind", "headers"), [(PLAN, TEMPLATE_PLAN_HEADERS), (IndicatorValuesImporter.kind, TEMPLATE_VALUE_HEADERS)]
)
def test_the_csv_template_is_the_header_row_in_utf8_for_excel(cast, indicators, client_for, kind, headers):
    response = template_download(client_for(cast.alice), kind, "csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content == ("\ufeff" + ",".join(headers) + "\r\n").encode()


def test_an_empty_template_uploaded_as_it_is_says_there_is_nothing_to_import(cast, client_for):
    data = template_download(client_for(cast.steve), PLAN, "xlsx").content
    refusal = refusal_of(cast.steve, PLAN, data, "template.xlsx")
    assert refusal == "The file has no rows to import below its header row (row 1)"


def test_an_unknown_template_format_is_not_found(cast, client_for):
    assert client_for(cast.steve).get(reverse(f"spreadsheets:{PLAN}_template", args=["pdf"])).status_code == 404
