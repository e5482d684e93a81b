"""The RAG colour of a cell's fill: red, amber, green or blue, by the nearest hue.

Council plans often give an action's RAG rating only as the colour of a cell.
Each file uses its own shades (Excel's standard red, a pale "good" green, a
theme's accent with a tint, an old palette index), so a fill is resolved to its
RGB and judged by hue; greys, whites, blacks and washed-out tints are no colour.
"""

from __future__ import annotations

import colorsys
import re
from xml.etree import ElementTree

from openpyxl.styles.colors import COLOR_INDEX

RED, AMBER, GREEN, BLUE = "red", "amber", "green", "blue"

# Excel's "Office" theme, for a workbook that carries none. Theme index order: lt1 dk1 lt2 dk2 accent1-6 links.
OFFICE_THEME = (
    "FFFFFF",
    "000000",
    "E7E6E6",
    "44546A",
    "4472C4",
    "ED7D31",
    "A5A5A5",
    "FFC000",
    "5B9BD5",
    "70AD47",
    "0563C1",
    "954F72",
)
THEME_ORDER = ("lt1", "dk1", "lt2", "dk2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6")
THEME_ORDER += ("hlink", "folHlink")
DRAWING_NS = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
HEX = re.compile(r"^[0-9A-F]{6}$")

MIN_SATURATION = 0.25  # below this a fill is a grey
MAX_LIGHTNESS = 0.93  # above this it is as good as white
MIN_LIGHTNESS = 0.12  # below this it is as good as black


def theme_colours(theme_xml) -> tuple[str, ...]:
    """The RGB of each theme colour of a workbook (``workbook.loaded_theme``), Office's when it has none."""
    if not theme_xml:
        return OFFICE_THEME
    try:
        root = ElementTree.fromstring(theme_xml)  # noqa: S314 - openpyxl has read this part already
    except ElementTree.ParseError:
        return OFFICE_THEME
    scheme = root.find(f".//{DRAWING_NS}clrScheme")
    if scheme is None:
        return OFFICE_THEME
    found = []
    for name, default in zip(THEME_ORDER, OFFICE_THEME, strict=True):
        element = scheme.find(f"{DRAWING_NS}{name}")
        colour = None
        if element is not None:
            srgb = element.find(f"{DRAWING_NS}srgbClr")
            system = element.find(f"{DRAWING_NS}sysClr")
            colour = srgb.get("val") if srgb is not None else (system.get("lastClr") if system is not None else None)
        colour = (colour or "").upper()
        found.append(colour if HEX.match(colour) else default)
    return tuple(found)


def fill_rgb(fill, themes=OFFICE_THEME) -> str | None:
    """The RGB (``"FFC000"``) a solid fill shows, or None for no fill, a pattern or a colour that cannot be told."""
    if fill is None or getattr(fill, "fill_type", None) != "solid":
        return None
    colour = fill.fgColor if fill.fgColor is not None else None
    if colour is None:
        return None
    rgb = None
    if colour.type == "rgb" and isinstance(colour.rgb, str):
        rgb = colour.rgb[-6:].upper()
    elif colour.type == "theme" and isinstance(colour.theme, int) and 0 <= colour.theme < len(themes):
        rgb = themes[colour.theme]
    elif colour.type == "indexed" and isinstance(colour.indexed, int) and 0 <= colour.indexed < len(COLOR_INDEX):
        if colour.indexed >= 64:  # 64 and 65 are "the system's foreground/background": no colour of its own
            return None
        rgb = COLOR_INDEX[colour.indexed][-6:].upper()
    if rgb is None or not HEX.match(rgb):
        return None
    return _tinted(rgb, colour.tint or 0.0)


def is_coloured(rgb: str | None) -> bool:
    """Whether ``rgb`` is a colour at all, rather than a grey, a white or a black."""
    if not rgb or not HEX.match(rgb):
        return False
    red, green, blue = (int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4))
    _, lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
    return saturation >= MIN_SATURATION and MIN_LIGHTNESS <= lightness <= MAX_LIGHTNESS


def rag_colour(rgb: str | None) -> str | None:
    """``red``, ``amber``, ``green`` or ``blue`` for the hue nearest ``rgb``; None for greys, whites and blacks."""
    if not is_coloured(rgb):
        return None
    red, green, blue = (int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4))
    hue = colorsys.rgb_to_hls(red, green, blue)[0]
    degrees = hue * 360
    if degrees < 18 or degrees >= 300:  # reds, crimsons, and pinks (a light red)
        return RED
    if degrees < 68:  # oranges, ambers, golds and yellows
        return AMBER
    if degrees < 170:  # yellow-greens to sea greens
        return GREEN
    if degrees < 260:  # teals to blues
        return BLUE
    return None  # purples: no RAG meaning


def _tinted(rgb: str, tint: float) -> str:
    """Excel's tint: a fraction of the way to white (positive) or black (negative), on the lightness."""
    if not tint:
        return rgb
    red, green, blue = (int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4))
    hue, lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
    lightness = lightness * (1 + tint) if tint < 0 else lightness * (1 - tint) + tint
    return "".join(f"{round(part * 255):02X}" for part in colorsys.hls_to_rgb(hue, lightness, saturation))
