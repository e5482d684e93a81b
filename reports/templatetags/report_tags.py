"""Template helpers of the quarterly report, which is rendered from plain data (dates as ISO text)."""

import datetime

from django import template

from neglect_portal import charts

register = template.Library()

# The BRAG colours of the govuk-tag modifiers, for the charts (which always come with the figures in words).
BRAG_HEX = {
    "blue": charts.BLUE,
    "green": charts.GREEN,
    "yellow": "#ffdd00",
    "red": charts.RED,
    "grey": charts.LIGHT_GREY,
}


@register.filter
def iso_date(value, style="long"):
    """ "2026-09-30" as "30 September 2026" ("30 Sep 2026" with ``short``); empty stays empty."""
    if not value:
        return ""
    day = value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)
    return f"{day.day} {day:%b %Y}" if style == "short" else f"{day.day} {day:%B %Y}"


def _status_name(item) -> str:
    return item["label"] if item["label"] == item["brag"] else f"{item['label']} ({item['brag']})"


@register.simple_tag(takes_context=True)
def priority_chart(context, priority):
    """A bar for each status that has actions of the priority, in its BRAG colour, named and counted.

    On the web page (``inline_charts`` in the context) a small inline SVG; in the PDF (``for_print``) the
    same SVG as an image with its alternative text, sized for print; elsewhere the drawn chart.
    """
    items = [item for item in priority["by_status"] if item["count"]]
    if not items:
        return ""
    labels = tuple(_status_name(item) for item in items)
    values = tuple(float(item["count"]) for item in items)
    colours = tuple(BRAG_HEX.get(item["colour"], charts.BLUE) for item in items)
    alt = f"Chart of the actions of priority {priority['number']} by status: {status_words(items)}."
    if context.get("inline_charts"):
        return charts.status_bars_svg(labels, values, colours, alt)
    if context.get("for_print"):
        return charts.as_image(str(charts.status_bars_svg(labels, values, colours, alt)), alt)
    return charts.as_image(charts.bar_chart_svg(labels, values, colours), alt)


@register.filter
def status_words(by_status):
    """ "On track (Green) 4, At risk (Amber) 1" for the statuses that have actions."""
    return ", ".join(f"{_status_name(item)} {item['count']}" for item in by_status if item["count"]) or "no actions"
