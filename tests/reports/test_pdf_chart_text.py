"""The report PDF's charts are printed at the size they are drawn, so their labels are readable (9 pt): the
status bars of each priority and the forecast of each turn-the-curve plan."""

import io
import re
from pathlib import Path

from django.conf import settings
from PIL import Image

from neglect_portal import charts

MM_PER_INCH = 25.4


def printed_label_points(drawn):
    css = (Path(settings.BASE_DIR) / "templates/reports/report_pdf.css").read_text()
    width_mm = float(re.search(r"\.app-chart \{ width: ([\d.]+)mm", css).group(1))
    drawn_width_pt = float(re.search(r'width="([\d.]+)pt"', drawn).group(1))
    return 9 * (width_mm / MM_PER_INCH * 72) / drawn_width_pt


def test_the_status_chart_labels_print_at_nine_points_or_more():
    drawn = str(charts.status_bars_svg(("On track", "Off track"), (3.0, 1.0), (charts.GREEN, charts.RED), "Chart"))
    css = (Path(settings.BASE_DIR) / "templates/reports/report_pdf.css").read_text()
    width_pt = float(re.search(r"\.app-chart \{ width: ([\d.]+)mm", css).group(1)) / MM_PER_INCH * 72
    font_size, view_width = (float(re.search(rf'{name}="([\d.]+)"', drawn).group(1)) for name in ("font-size", "width"))
    assert font_size * width_pt / view_width >= 9


def test_the_forecast_chart_labels_print_at_nine_points_or_more():
    drawn = charts.forecast_chart_svg(("2025/26 Q1", "2025/26 Q2"), (40.0, 42.0), ("2025/26 Q3",), (44.0,), 45.0, "%")
    assert printed_label_points(drawn) >= 9


def test_the_pdf_prints_each_chart_as_a_sharp_png_with_its_labels_at_nine_points_or_more():
    css = (Path(settings.BASE_DIR) / "templates/reports/report_pdf.css").read_text()
    width_in = float(re.search(r"\.app-chart \{ width: ([\d.]+)mm", css).group(1)) / MM_PER_INCH
    for drawn in (
        charts.forecast_chart_png(("2025/26 Q1",), (40.0,), ("2025/26 Q2",), (44.0,), 45.0, "%"),
        charts.bar_chart_svg(("On track", "Off track"), (3.0, 1.0), print_png=True),
    ):
        image = Image.open(io.BytesIO(drawn))
        assert image.format == "PNG"
        assert 9 * width_in / (image.width / charts.PRINT_DPI) >= 9  # labels drawn at 9 pt print at 9 pt or more
        assert image.width / width_in >= 140  # dots an inch as printed


def test_the_printed_forecast_draws_the_values_the_forecast_and_the_target_in_their_colours():
    labels = tuple(f"2024/25 Q{n}" for n in range(1, 5)) + tuple(f"2025/26 Q{n}" for n in range(1, 5))
    drawn = charts.forecast_chart_png(
        labels, (40.0, 41.0, None, 43.0, 44.0, 46.0, 45.0, 48.0), ("2026/27 Q1",), (49.5,), 45.0
    )
    colours = {colour for _, colour in Image.open(io.BytesIO(drawn)).convert("RGB").getcolors(4096)}

    def near(hex_colour):
        wanted = tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
        return any(sum(abs(a - b) for a, b in zip(colour, wanted, strict=True)) < 30 for colour in colours)

    assert near(charts.BLUE) and near(charts.ORANGE) and near(charts.BLACK)
    without_forecast = charts.forecast_chart_png(labels[:2], (None, None), (), (), None, "")
    assert Image.open(io.BytesIO(without_forecast)).format == "PNG"  # nothing known yet: axes, no lines
