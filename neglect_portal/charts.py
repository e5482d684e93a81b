"""Charts as SVG images, drawn on the server with matplotlib.

The same drawing goes into the web pages and the PDF reports (WeasyPrint runs no
JavaScript), so a chart looks the same wherever it is read: SVG on the pages, and in
the PDF a PNG of the same figure (``print_png=True``), because WeasyPrint takes about
a second to draw a chart's SVG, every glyph a path, and a big report has dozens; the forecast of a
turn-the-curve plan, of which a big report prints dozens, is drawn for print by hand with Pillow
(:func:`forecast_chart_png`, decision 55), in a hundredth of matplotlib's time. Every chart is
shown as an ``<img>`` with a text alternative and always sits next to the
same figures in words or in a table: the chart is never the only way to read
them.

The functions take plain numbers and labels (not models), so a report's
frozen snapshot draws the same charts as the live pages.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import io
import itertools
import math
from collections.abc import Sequence
from pathlib import Path

import matplotlib
from django.core.cache import cache
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from matplotlib.figure import Figure
from PIL import Image, ImageDraw, ImageFont

# GOV.UK Frontend colours, so charts match the pages around them.
BLUE = "#1d70b8"
BLACK = "#0b0c0c"
GREY = "#505a5f"
LIGHT_GREY = "#b1b4b6"
GREEN = "#00703c"
RED = "#d4351c"
ORANGE = "#f47738"
PURPLE = "#4c2c92"
# Comparator lines (England, region, neighbours…): colour, dash pattern and marker each differ.
COMPARATOR_STYLES = (
    (GREY, (0, (1, 1.5)), "s"),
    (PURPLE, (0, (6, 2, 1, 2)), "^"),
    (GREEN, (0, (3, 1.5)), "D"),
    (RED, (0, (1, 3)), "v"),
    (ORANGE, (0, (8, 2)), "P"),
    (BLACK, (0, (2, 2, 6, 2)), "X"),
)

STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "svg.fonttype": "path",  # text as shapes: identical in every browser and in the PDF
    "svg.hashsalt": "neglect-portal",  # stable element ids, so the same chart is the same file
    "axes.edgecolor": GREY,
    "axes.labelcolor": BLACK,
    "xtick.color": BLACK,
    "ytick.color": BLACK,
}


# A drawn chart is kept in the cache that every web process and worker shares (Redis when
# CACHE_URL is set): the same numbers always draw the same chart, so the key is the numbers
# plus this module's code, and an entry never goes stale; it only expires to bound memory.
_CODE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]
CHART_CACHE_SECONDS = 7 * 24 * 60 * 60


def _shared(draw):
    @functools.wraps(draw)
    def cached(*args, **kwargs):
        arguments = repr((args, sorted(kwargs.items()))).encode()
        key = f"chart:{draw.__name__}:{_CODE}:{hashlib.sha256(arguments).hexdigest()}"
        svg = cache.get(key)
        if svg is None:
            svg = draw(*args, **kwargs)
            cache.set(key, svg, CHART_CACHE_SECONDS)
        return svg

    return cached


# A printed chart is drawn at 150 dots an inch (its labels print sharp at 9 pt) and kept to a palette of
# 64 colours: a quarter of the bytes of the full-colour image, with the GOV.UK colours intact.
PRINT_DPI = 150
PRINT_COLOURS = 64


def _svg(figure: Figure, print_png: bool = False) -> str | bytes:
    """The figure as SVG text; or, with ``print_png``, as the bytes of a PNG for print."""
    if print_png:
        drawn = io.BytesIO()
        figure.savefig(drawn, format="png", dpi=PRINT_DPI, metadata={"Software": None}, facecolor="white")
        image = Image.open(drawn).convert("RGB").quantize(PRINT_COLOURS, method=Image.Quantize.FASTOCTREE)
        png = io.BytesIO()
        image.save(png, format="PNG")
        return png.getvalue()
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None}, transparent=True)
    return buffer.getvalue()


def _figure(width_in: float, height_in: float) -> Figure:
    # A Figure without pyplot: no global state, safe in threads and Celery workers.
    matplotlib.rcParams.update(STYLE)
    return Figure(figsize=(width_in, height_in), layout="constrained")


SPARKLINE_WIDTH, SPARKLINE_HEIGHT = 140, 40  # the viewBox; the page sets the drawn size


def sparkline_svg(values: tuple[float | None, ...], alt: str = "") -> str:
    """A small line of the last few values, the latest marked with a dot; gaps stay gaps.

    An inline ``<svg role="img">`` whose ``aria-label`` is ``alt``, written out by hand rather than
    drawn with matplotlib: about three hundred bytes, made in microseconds, so a scorecard of a
    hundred indicators stays small and quick wherever it is drawn (the page and the PDF alike).
    """
    known = [v for v in values if v is not None]
    if not known:
        return ""
    low, high = min(known), max(known)
    span = (high - low) or 1.0
    x_margin, y_margin = SPARKLINE_WIDTH * 0.06, SPARKLINE_HEIGHT * 0.2
    step = (SPARKLINE_WIDTH - 2 * x_margin) / max(len(values) - 1, 1)

    def point(index, value):
        y = (
            SPARKLINE_HEIGHT / 2
            if high == low
            else SPARKLINE_HEIGHT - y_margin - (value - low) / span * (SPARKLINE_HEIGHT - 2 * y_margin)
        )
        return f"{x_margin + index * step:.0f},{y:.0f}"

    runs = [[]]
    for index, value in enumerate(values):
        if value is None:
            runs.append([])
        else:
            runs[-1].append(point(index, value))
    lines = "".join(f'<polyline points="{" ".join(run)}"/>' for run in runs if run)
    last = max(i for i, v in enumerate(values) if v is not None)
    cx, cy = point(last, values[last]).split(",")
    return format_html(
        '<svg class="app-sparkline" role="img" aria-label="{}" viewBox="0 0 {} {}" width="{}" height="{}">'
        '<g fill="none" stroke="{}" stroke-width="3" stroke-linejoin="round" stroke-linecap="round">{}</g>'
        '<circle cx="{}" cy="{}" r="4.5" fill="{}"/></svg>',
        alt,
        SPARKLINE_WIDTH,
        SPARKLINE_HEIGHT,
        SPARKLINE_WIDTH,
        SPARKLINE_HEIGHT,
        BLUE,
        mark_safe(lines),  # noqa: S308 (numbers the function wrote itself)
        cx,
        cy,
        BLACK,
    )


@_shared
def line_chart_svg(
    labels: tuple[str, ...],
    values: tuple[float | None, ...],
    target: float | None = None,
    value_label: str = "",
    comparators: tuple[tuple[str, tuple[float | None, ...]], ...] = (),
    print_png: bool = False,
) -> str | bytes:
    """Values by period with a dashed target line, labelled axes and a legend.

    ``comparators``: other series to draw beside the value, ``(name, values)`` at the same periods,
    each in its own colour, line style and marker so the legend can be read without colour.
    """
    figure = _figure(6.4, 3.0)
    axes = figure.add_subplot()
    xs = list(range(len(labels)))
    axes.plot(
        xs,
        [v if v is not None else float("nan") for v in values],
        color=BLUE,
        linewidth=2,
        marker="o",
        markersize=4,
        label="Value",
    )
    if target is not None:
        axes.axhline(target, color=BLACK, linewidth=1.2, linestyle=(0, (5, 3)), label="Target")
    for (name, series), (colour, style, marker) in zip(comparators, COMPARATOR_STYLES, strict=False):
        axes.plot(
            xs,
            [v if v is not None else float("nan") for v in series],
            color=colour,
            linewidth=1.4,
            linestyle=style,
            marker=marker,
            markersize=5,
            label=name,
        )
    axes.set_xticks(xs, labels, rotation=45 if len(labels) > 6 else 0, ha="right" if len(labels) > 6 else "center")
    if value_label:
        axes.set_ylabel(value_label)
    axes.grid(axis="y", color=LIGHT_GREY, linewidth=0.6)
    axes.spines[["top", "right"]].set_visible(False)
    if target is not None or comparators:
        axes.legend(frameon=False, loc="best")
    return _svg(figure, print_png)


def status_bars_svg(labels: tuple[str, ...], values: tuple[float, ...], colours: tuple[str, ...], alt: str) -> str:
    """Horizontal bars, one per label, named on the left and counted at their end: an inline
    ``<svg role="img">`` written by hand, about a kilobyte, for a web page that shows several
    (the report's priorities). The report PDF shows the same SVG as an image (:func:`as_image`): a
    twentieth of a second for WeasyPrint, where the drawn chart takes matplotlib a fifth."""
    row, label_width, bar_width = 24, 210, 300
    high = max(values, default=0) or 1
    bars = []
    for index, (label, value, colour) in enumerate(zip(labels, values, colours, strict=True)):
        y = index * row
        width = max(round(value / high * bar_width), 1 if value else 0)
        bars.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="16" fill="{}" stroke="{}"/>'
                '<text x="{}" y="{}">{}</text>',
                label_width - 8,
                y + 13,
                label,
                label_width,
                y + 2,
                width,
                colour,
                BLACK,
                label_width + width + 6,
                y + 13,
                f"{value:g}",
            )
        )
    height = max(len(labels), 1) * row
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="app-status-bars" role="img" aria-label="{}"'
        ' viewBox="0 0 {} {}" width="{}" height="{}"'
        ' font-size="13" font-family="arial, sans-serif" fill="{}">{}</svg>',
        alt,
        label_width + bar_width + 40,
        height,
        label_width + bar_width + 40,
        height,
        BLACK,
        mark_safe("".join(bars)),  # noqa: S308 (each bar escaped by format_html above)
    )


@_shared
def forecast_chart_svg(
    labels: tuple[str, ...],
    values: tuple[float | None, ...],
    forecast_labels: tuple[str, ...],
    forecast_values: tuple[float, ...],
    target: float | None = None,
    value_label: str = "",
) -> str:
    """Values by period and, after them, the trend continued (a forecast) as a dashed orange line from the
    last value; the target, when there is one, a dashed black line. Drawn 6 inches wide, so its 9-point labels
    stay 9 points wherever it is shown. The report PDF prints the same chart drawn by hand
    (:func:`forecast_chart_png`)."""
    figure = _figure(6.0, 3.0)
    axes = figure.add_subplot()
    every = [*labels, *forecast_labels]
    xs = list(range(len(every)))
    axes.plot(
        xs[: len(labels)],
        [v if v is not None else float("nan") for v in values],
        color=BLUE,
        linewidth=2,
        marker="o",
        markersize=4,
        label="Value",
    )
    last = max((i for i, v in enumerate(values) if v is not None), default=None)
    if forecast_values and last is not None:
        axes.plot(
            [last, *xs[len(labels) :]],
            [values[last], *forecast_values],
            color=ORANGE,
            linewidth=2,
            linestyle=(0, (2, 2)),
            marker="s",
            markersize=3.5,
            label="Forecast: trend continued",
        )
    if target is not None:
        axes.axhline(target, color=BLACK, linewidth=1.2, linestyle=(0, (5, 3)), label="Target")
    axes.set_xticks(xs, every, rotation=45 if len(every) > 6 else 0, ha="right" if len(every) > 6 else "center")
    if value_label:
        axes.set_ylabel(value_label)
    axes.grid(axis="y", color=LIGHT_GREY, linewidth=0.6)
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(frameon=False, loc="best")
    return _svg(figure)


@_shared
def bar_chart_svg(
    labels: tuple[str, ...], values: tuple[float, ...], colours: tuple[str, ...] = (), print_png: bool = False
) -> str | bytes:
    """Horizontal bars, one per label, each with its number written at its end."""
    figure = _figure(6.0, 0.5 + 0.42 * len(labels))
    axes = figure.add_subplot()
    ys = list(range(len(labels)))[::-1]
    # A dark outline gives light bars (amber, grey) 3:1 against the white page (WCAG 1.4.11).
    bars = axes.barh(ys, values, color=list(colours) or BLUE, height=0.6, edgecolor=BLACK, linewidth=1)
    axes.bar_label(bars, labels=[f"{v:g}" for v in values], padding=3, color=BLACK)
    axes.set_yticks(ys, labels)
    axes.set_xticks([])
    axes.spines[["top", "right", "bottom"]].set_visible(False)
    axes.margins(x=0.12)
    return _svg(figure, print_png)


# --- the forecast chart for print, drawn by hand ---------------------------------------------------------

_FONT_FILE = Path(matplotlib.get_data_path()) / "fonts/ttf/DejaVuSans.ttf"  # the pages' charts' font
_SCALE = 2  # drawn at twice the size and scaled down: smooth lines without an anti-aliasing library


def _dots(points: float) -> int:
    """A length in points as dots of the drawing (at PRINT_DPI, before it is scaled down)."""
    return round(points / 72 * PRINT_DPI * _SCALE)


@functools.cache
def _font(points: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(_FONT_FILE), _dots(points))


def _ticks(low: float, high: float, most: int = 6) -> list[float]:
    """Round numbers spanning ``low`` to ``high``, at most ``most`` of them: 0, 20, 40… or 1.5, 2, 2.5…"""
    if high == low:
        low, high = low - 1, high + 1
    rough = (high - low) / (most - 1)
    magnitude = 10 ** math.floor(math.log10(rough))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= rough)
    first = math.floor(low / step) * step
    return [round(first + i * step, 10) for i in range(math.ceil((high - first) / step - 1e-9) + 1)]


def _dashed(draw: ImageDraw.ImageDraw, points, colour: str, width: int, dash: int, gap: int) -> None:
    """A dashed line through ``points``, the pattern carried on from one segment to the next."""
    period, travelled = dash + gap, 0.0
    for (x1, y1), (x2, y2) in itertools.pairwise(points):
        length = math.hypot(x2 - x1, y2 - y1)
        at = 0.0
        while at < length:
            phase = (travelled + at) % period
            if phase < dash:
                end = min(at + dash - phase, length)
                draw.line(
                    [
                        (x1 + (x2 - x1) * at / length, y1 + (y2 - y1) * at / length),
                        (x1 + (x2 - x1) * end / length, y1 + (y2 - y1) * end / length),
                    ],
                    fill=colour,
                    width=width,
                )
                at = end
            else:
                at = min(at + period - phase, length)
        travelled += length


@functools.lru_cache(maxsize=512)
def _turned(text: str, font: ImageFont.FreeTypeFont, angle: int) -> Image.Image:
    """``text`` drawn as a mask and turned by ``angle`` degrees: kept, as every chart of a report
    slants the same periods' names."""
    left, top, right, bottom = font.getbbox(text)
    label = Image.new("L", (right - left + 4, bottom - top + 4), 0)
    ImageDraw.Draw(label).text((2 - left, 2 - top), text, font=font, fill=255)
    return label.rotate(angle, expand=True, resample=Image.Resampling.BICUBIC)


def _rotated_text(image: Image.Image, anchor_xy: tuple[int, int], text: str, font, angle: int) -> None:
    """``text`` turned by ``angle`` degrees (anticlockwise), its end at ``anchor_xy`` (45°) or centred on it (90°)."""
    turned = _turned(text, font, angle)
    x, y = anchor_xy
    # at 90° centred on the point; at 45° its end under the tick, running down to the left
    position = (x - turned.width // 2, y - turned.height // 2) if angle == 90 else (x - turned.width, y)
    image.paste(BLACK, position, turned)


def forecast_chart_png(
    labels: tuple[str, ...],
    values: tuple[float | None, ...],
    forecast_labels: tuple[str, ...],
    forecast_values: tuple[float, ...],
    target: float | None = None,
    value_label: str = "",
) -> bytes:
    """The forecast chart of :func:`forecast_chart_svg` for print, drawn by hand with Pillow as a PNG: the same
    lines, markers, target, axes and legend, 6 × 3 inches at ``PRINT_DPI`` with 9-point labels, in a hundredth of
    the time matplotlib takes (a big report prints dozens)."""
    width, height = _dots(6.0 * 72), _dots(3.0 * 72)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font = _font(9)
    every = [*labels, *forecast_labels]
    known = [v for v in (*values, *forecast_values, target) if v is not None]
    ticks = _ticks(min(known, default=0.0), max(known, default=1.0))
    tick_labels = [f"{tick:g}" for tick in ticks]

    # the plot area: room on the left for the value label and the ticks' numbers, below for the periods
    slanted = len(every) > 6
    text_height = _dots(9)
    label_room = max((font.getlength(label) for label in every), default=0)
    left = _dots(6) + (text_height + _dots(4) if value_label else 0)
    left += max(font.getlength(label) for label in tick_labels) + _dots(5)
    bottom = height - _dots(6) - (label_room * 0.72 + text_height if slanted else text_height + _dots(4))
    top, right = _dots(22), width - _dots(10)
    # the periods inset from the axes, as matplotlib does, and the first slanted label kept on the picture
    inset = max(_dots(12), (label_room * 0.72 + text_height if slanted else label_room / 2) - left)
    first, last_x = left + inset, right - (_dots(12) if slanted else max(_dots(12), label_room / 2 - _dots(8)))
    step = (last_x - first) / (len(every) - 1) if len(every) > 1 else 0
    x_of = [first + step * i if len(every) > 1 else (left + right) / 2 for i in range(len(every))]
    span = ticks[-1] - ticks[0]

    def y_of(value: float) -> float:
        return bottom - (value - ticks[0]) / span * (bottom - top)

    # grid lines and the numbers of the value axis
    for tick, text in zip(ticks, tick_labels, strict=True):
        y = y_of(tick)
        draw.line([(left, y), (right, y)], fill=LIGHT_GREY, width=_dots(0.6))
        draw.text((left - _dots(4), y), text, font=font, fill=BLACK, anchor="rm")
    if value_label:
        _rotated_text(image, (_dots(6) + text_height // 2, round((top + bottom) / 2)), value_label, font, 90)
    # the axes: left and bottom only
    draw.line([(left, top), (left, bottom)], fill=GREY, width=_dots(0.8))
    draw.line([(left, bottom), (right, bottom)], fill=GREY, width=_dots(0.8))
    for x, text in zip(x_of, every, strict=True):
        draw.line([(x, bottom), (x, bottom + _dots(3.5))], fill=GREY, width=_dots(0.8))
        if slanted:
            _rotated_text(image, (round(x), round(bottom + _dots(5))), text, font, 45)
        else:
            draw.text((x, bottom + _dots(5)), text, font=font, fill=BLACK, anchor="mt")

    line, dot = _dots(2), _dots(2)
    if target is not None:
        _dashed(draw, [(left, y_of(target)), (right, y_of(target))], BLACK, _dots(1.2), _dots(5), _dots(3))
    runs: list[list[tuple[float, float]]] = [[]]
    for x, value in zip(x_of, values, strict=False):
        if value is None:
            runs.append([])
        else:
            runs[-1].append((x, y_of(value)))
    for run in runs:
        if len(run) > 1:
            draw.line(run, fill=BLUE, width=line, joint="curve")
        for x, y in run:
            draw.ellipse([(x - dot, y - dot), (x + dot, y + dot)], fill=BLUE)
    last = max((i for i, v in enumerate(values) if v is not None), default=None)
    if forecast_values and last is not None:
        points = [(x_of[last], y_of(values[last]))]
        points += [(x_of[len(labels) + i], y_of(v)) for i, v in enumerate(forecast_values)]
        _dashed(draw, points, ORANGE, line, _dots(4), _dots(4))
        side = _dots(1.75)
        for x, y in points[1:]:
            draw.rectangle([(x - side, y - side), (x + side, y + side)], fill=ORANGE)

    # the legend, along the top
    keys = [("Value", BLUE, None), *([("Forecast: trend continued", ORANGE, (4, 4))] if forecast_values else [])]
    keys += [("Target", BLACK, (5, 3))] if target is not None else []
    x, y = left + _dots(6), _dots(9)
    for name, colour, dash in keys:
        sample = [(x, y), (x + _dots(20), y)]
        if dash:
            _dashed(draw, sample, colour, _dots(1.6), _dots(dash[0]), _dots(dash[1]))
        else:
            draw.line(sample, fill=colour, width=_dots(2))
        draw.text((x + _dots(24), y), name, font=font, fill=BLACK, anchor="lm")
        x += _dots(24) + font.getlength(name) + _dots(14)

    image = image.reduce(_SCALE)  # each dot the average of the four drawn: smooth edges
    png = io.BytesIO()
    # A few flat colours compress well in the PDF; handed over as RGB, which is what WeasyPrint embeds, it
    # is not decoded and encoded once more (lightly compressed: the PDF's stream is compressed again).
    flat = image.quantize(PRINT_COLOURS, method=Image.Quantize.FASTOCTREE).convert("RGB")
    flat.save(png, format="PNG", compress_level=1)
    return png.getvalue()


def as_image(drawn: str | bytes, alt: str, css_class: str = "app-chart"):
    """The drawn chart (SVG text, or a PNG's bytes) as an ``<img>`` with ``alt`` text, safe to put in a template."""
    kind, content = ("png", drawn) if isinstance(drawn, bytes) else ("svg+xml", drawn.encode("utf-8"))
    data = base64.b64encode(content).decode("ascii")
    return format_html('<img class="{}" src="data:image/{};base64,{}" alt="{}">', css_class, kind, data, alt)


def floats(values: Sequence) -> tuple[float | None, ...]:
    """Numbers (Decimal, str or None) as a hashable tuple of floats for the cached chart functions."""
    return tuple(None if v is None or v == "" else float(v) for v in values)
