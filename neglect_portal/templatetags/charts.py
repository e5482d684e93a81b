"""Template tags that draw the portal's charts (see ``neglect_portal.charts``)."""

from django import template

from neglect_portal import charts

register = template.Library()


@register.simple_tag
def sparkline(values, alt):
    """A small trend line of ``values`` (oldest first) as an image with ``alt`` text."""
    values = charts.floats(values)
    if len([v for v in values if v is not None]) < 2:
        return ""
    return charts.sparkline_svg(values, alt)


@register.simple_tag
def line_chart(labels, values, alt, target=None, value_label="", comparators=()):
    """Values by period, with the target as a dashed line when there is one, and any comparator series."""
    target = None if target in (None, "") else float(target)
    lines = tuple((name, charts.floats(series)) for name, series in comparators or ())
    svg = charts.line_chart_svg(tuple(labels), charts.floats(values), target, value_label, lines)
    return charts.as_image(svg, alt)


@register.simple_tag
def bar_chart(labels, values, alt, colours=()):
    """Horizontal bars with their numbers written on them."""
    svg = charts.bar_chart_svg(tuple(labels), tuple(float(v or 0) for v in values), tuple(colours))
    return charts.as_image(svg, alt)


@register.simple_tag(takes_context=True)
def forecast_chart(context, labels, values, forecast_labels, forecast_values, alt, target=None, value_label=""):
    """Values by period with the trend continued after them as a dashed line (and the target, if any).

    In the report PDF (``for_print`` in the context) the same chart drawn by hand as a PNG, which is made and
    printed in hundredths of a second.
    """
    target = None if target in (None, "") else float(target)
    arguments = (tuple(labels), charts.floats(values), tuple(forecast_labels), charts.floats(forecast_values))
    draw = charts.forecast_chart_png if context.get("for_print") else charts.forecast_chart_svg
    return charts.as_image(draw(*arguments, target, value_label), alt)
