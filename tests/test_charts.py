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
    svg = charts.sparkline_svg((1.0, 2.0, None, 4.0, 3.0, 5.0, 5.0, 4.5), "Up from 1 to 4.5")
    assert svg.startswith('<svg class="app-sparkline" role="img" aria-label="Up from 1 to 4.5"') and len(svg) < 450
    assert svg.count("<polyline") == 2  # before and after the missing value
    # The highest values touch the top margin, the lowest the bottom one; the dot is on the latest.
    assert 'points="8,32 26,26"' in svg and "96,8 114,8" in svg
    assert svg.endswith('<circle cx="132" cy="11" r="4.5" fill="#0b0c0c"/></svg>')
    assert 'cy="20"' in charts.sparkline_svg((3.0, 3.0, 3.0))  # a level line sits in the middle


def test_a_sparkline_says_its_trend_to_a_screen_reader_and_escapes_it():
    html = Template("{% load charts %}{% sparkline values alt=words %}").render(
        Context({"values": [1, 2, None, 4, 3, 5, 5, 4.5], "words": "Up from 1 to <4.5>"})
    )
    assert html.startswith('<svg class="app-sparkline" role="img" aria-label="Up from 1 to &lt;4.5&gt;"')
    assert "<img" not in html and "data:" not in html


def test_the_chart_tags_render_images_with_the_given_alt_text():
    html = Template(
        "{% load charts %}{% sparkline values alt='Trend of contacts' %}{% bar_chart labels counts alt='Grades' %}"
    ).render(Context({"values": [73, 147, 195], "labels": ["Good", "Inadequate"], "counts": [4, 1]}))
    assert html.count("<img") == 1 and html.count('<svg class="app-sparkline" role="img"') == 1
    assert 'aria-label="Trend of contacts"' in html and 'alt="Grades"' in html
    assert "data:image/svg+xml;base64," in html


def test_a_sparkline_needs_two_values():
    html = Template("{% load charts %}{% sparkline values alt='x' %}").render(Context({"values": [5]}))
    assert html == ""
