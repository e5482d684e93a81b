"""Charts are SVG images with a text alternative, the same for the same data."""

import pytest
from django.core.cache import cache
from django.template import Context, Template

from neglect_portal import charts


def test_a_line_chart_is_an_svg_image_with_alt_text_and_is_drawn_the_same_twice():
    svg = charts.line_chart_svg(("2017/18", "2018/19", "2019/20"), (73.0, 147.0, 195.0), 150.0, "Contacts")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    drawn_again = charts.line_chart_svg.__wrapped__(
        ("2017/18", "2018/19", "2019/20"), (73.0, 147.0, 195.0), 150.0, "Contacts"
    )
    assert drawn_again == svg


def test_a_chart_drawn_once_is_read_from_the_shared_cache_by_every_process(monkeypatch):
    cache.clear()
    svg = charts.bar_chart_svg(("Good", "Inadequate"), (4.0, 1.0))

    def no_drawing(*args):
        raise AssertionError("drawn again")

    monkeypatch.setattr(charts, "_figure", no_drawing)
    assert charts.bar_chart_svg(("Good", "Inadequate"), (4.0, 1.0)) == svg
    cache.clear()
    with pytest.raises(AssertionError, match="drawn again"):
        charts.bar_chart_svg(("Good", "Inadequate"), (4.0, 1.0))


def test_a_sparkline_is_a_few_hundred_bytes_with_gaps_left_as_gaps_and_the_latest_value_marked(monkeypatch):
    def no_matplotlib(*args):
        raise AssertionError("matplotlib is not needed for a sparkline")

    monkeypatch.setattr(charts, "_figure", no_matplotlib)
    svg = charts.sparkline_svg((1.0, 2.0, None, 4.0, 3.0, 5.0, 5.0, 4.5))
    assert svg.startswith("<svg xmlns='http://www.w3.org/2000/svg'") and len(svg) < 600
    assert svg.count("<polyline") == 2  # before and after the missing value
    # The highest values touch the top margin, the lowest the bottom one; the dot is on the latest.
    assert (
        "8.4,32.0" in svg
        and ",8.0" in svg
        and svg.endswith("<circle cx='131.6' cy='11.0' r='4.5' fill='#0b0c0c'/></svg>")
    )
    assert "cy='20.0'" in charts.sparkline_svg((3.0, 3.0, 3.0))  # a level line sits in the middle


def test_a_sparkline_tag_is_an_image_of_under_a_kilobyte_that_a_data_address_can_hold():
    html = Template("{% load charts %}{% sparkline values alt='Up from 1 to 4' %}").render(
        Context({"values": [1, 2, None, 4, 3, 5, 5, 4.5]})
    )
    assert html.startswith('<img class="app-sparkline" src="data:image/svg+xml,%3Csvg') and len(html) < 1000
    source = html.split('src="')[1].split('"')[0]
    assert not set(source) & set(" <>'#\"")
    assert 'alt="Up from 1 to 4"' in html


def test_the_chart_tags_render_images_with_the_given_alt_text():
    html = Template(
        "{% load charts %}{% sparkline values alt='Trend of contacts' %}{% bar_chart labels counts alt='Grades' %}"
    ).render(Context({"values": [73, 147, 195], "labels": ["Good", "Inadequate"], "counts": [4, 1]}))
    assert html.count("<img") == 2
    assert 'alt="Trend of contacts"' in html and 'alt="Grades"' in html
    assert "data:image/svg+xml;base64," in html and "data:image/svg+xml,%3Csvg" in html


def test_a_sparkline_needs_two_values():
    html = Template("{% load charts %}{% sparkline values alt='x' %}").render(Context({"values": [5]}))
    assert html == ""
