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
    svg = charts.sparkline_svg((1.0, 2.0, None, 4.0))

    def no_drawing(*args):
        raise AssertionError("drawn again")

    monkeypatch.setattr(charts, "_figure", no_drawing)
    assert charts.sparkline_svg((1.0, 2.0, None, 4.0)) == svg
    cache.clear()
    with pytest.raises(AssertionError, match="drawn again"):
        charts.sparkline_svg((1.0, 2.0, None, 4.0))


def test_the_chart_tags_render_images_with_the_given_alt_text():
    html = Template(
        "{% load charts %}{% sparkline values alt='Trend of contacts' %}{% bar_chart labels counts alt='Grades' %}"
    ).render(Context({"values": [73, 147, 195], "labels": ["Good", "Inadequate"], "counts": [4, 1]}))
    assert html.count("<img") == 2
    assert 'alt="Trend of contacts"' in html and 'alt="Grades"' in html
    assert "data:image/svg+xml;base64," in html


def test_a_sparkline_needs_two_values():
    html = Template("{% load charts %}{% sparkline values alt='x' %}").render(Context({"values": [5]}))
    assert html == ""
