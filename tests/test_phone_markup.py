"""Markup that phones, zoom and screen readers rely on (the browser checks are tests/browser/test_phones.py)."""

import re

import pytest
from django.template import Context, Template

from actions.forms import ActionForm
from outcomes.selectors import ScorecardRow


def row(trend, unit="percentage", target_display=""):
    fields = dict.fromkeys(ScorecardRow.__dataclass_fields__, "")
    fields.update(indicator_id=1, is_context=False, priority_number=None, latest=None, previous=None)
    fields.update(year_earlier=None, rag=None, unit=unit, target_display=target_display, trend=trend)
    return ScorecardRow(**fields)


def test_a_scroll_region_is_a_labelled_focusable_region_around_its_table():
    html = Template("{% load tables %}{% scroll_region label %}<table></table>{% endscroll_region %}").render(
        Context({"label": "Actions & updates"})
    )
    assert html == (
        '<div class="app-scroll-region" role="region" aria-label="Actions &amp; updates" tabindex="0">'
        "<table></table></div>"
    )


def test_a_sparklines_alt_text_says_which_way_the_trend_went_and_the_target():
    rising = row([("2025/26 Q1", 60.3), ("2025/26 Q2", 58.0), ("2026/27 Q2", 64.8)], target_display="75%")
    assert rising.trend_words == "Up from 60.3% in 2025/26 Q1 to 64.8% in 2026/27 Q2, target 75%"
    falling = row([("2024/25", 195.0), ("2025/26", 147.0)], unit="count")
    assert falling.trend_words == "Down from 195 in 2024/25 to 147 in 2025/26"
    level = row([("2024/25", 12.0), ("2025/26", 12.0)], unit="days")
    assert level.trend_words == "Level at 12 days from 2024/25 to 2025/26"


@pytest.mark.django_db
def test_date_fields_have_a_small_legend_and_a_number_pad_and_no_invalid_attribute(cast):
    form = ActionForm(partnership=cast.partnership, creating=True)
    html = Template("{% load crispy_forms_tags %}{% crispy form %}").render(Context({"form": form}))
    assert "legend-size" not in html
    assert html.count("govuk-fieldset__legend govuk-fieldset__legend--s") == 2
    day = re.search(r'<input[^>]*name="due_date_0"[^>]*>', html).group(0)
    assert 'inputmode="numeric"' in day


@pytest.mark.django_db
def test_the_phase_banner_is_inside_the_header_landmark(client):
    html = client.get("/sign-in/").content.decode()
    header = html[html.index("<header") : html.index("</header>")]
    assert "govuk-phase-banner" in header
    assert html.count("<header") == 1
