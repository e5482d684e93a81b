"""The report PDF's charts are printed at the size they are drawn, so their labels are readable (9 pt)."""

import io
import re
from pathlib import Path

from django.conf import settings
from PIL import Image

from neglect_portal import charts

MM_PER_INCH = 25.4


def test_the_status_chart_labels_print_at_nine_points_or_more():
    css = (Path(settings.BASE_DIR) / "templates/reports/report_pdf.css").read_text()
    width_mm = float(re.search(r"\.app-chart \{ width: ([\d.]+)mm", css).group(1))
    drawn = charts.bar_chart_svg(("On track", "Off track"), (3.0, 1.0))
    drawn_width_pt = float(re.search(r'width="([\d.]+)pt"', drawn).group(1))
    label_pt = 9 * (width_mm / MM_PER_INCH * 72) / drawn_width_pt
    assert label_pt >= 9


def test_the_printed_chart_is_a_sharp_png_with_its_labels_at_nine_points_or_more():
    css = (Path(settings.BASE_DIR) / "templates/reports/report_pdf.css").read_text()
    width_mm = float(re.search(r"\.app-chart \{ width: ([\d.]+)mm", css).group(1))
    drawn = charts.bar_chart_svg(("On track", "Off track"), (3.0, 1.0), print_png=True)
    image = Image.open(io.BytesIO(drawn))
    assert image.format == "PNG"
    drawn_width_in = image.width / charts.PRINT_DPI
    assert 9 * (width_mm / MM_PER_INCH) / drawn_width_in >= 9
    assert image.width / (width_mm / MM_PER_INCH) >= 140  # dots an inch as printed
