"""Every text and background pair of the three themes meets WCAG 2.2: 4.5:1 for text (7:1 in the
high-contrast theme), 3:1 for marks, bars and the selection and focus colour. The colours are read
from the widgets' palettes, the themes' stylesheets and the canvas's styles themselves."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QPalette

from desktop.core import contrast
from desktop.timeline.style import Style
from desktop.window import themes

R = QPalette.ColorRole


def _rgb(colour) -> tuple[int, int, int]:
    if isinstance(colour, str):
        return contrast.channels(colour)
    return colour.red(), colour.green(), colour.blue()


def _rules(theme: str) -> dict[str, dict[str, str]]:
    """The theme's stylesheet as {selector: {property: value}} (one rule per selector, as they are written)."""
    rules = {}
    for selector, body in re.findall(r"([^{}/]+?)\s*\{([^}]*)\}", themes.stylesheet(theme)):
        props = dict(p.split(":", 1) for p in body.split(";") if ":" in p)
        rules[selector.strip()] = {k.strip(): v.strip() for k, v in props.items()}
    return rules


def _text_level(theme: str) -> float:
    return contrast.TEXT_AAA if theme == "high-contrast" else contrast.TEXT_AA


def _widget_pairs(theme: str):
    """(what, foreground, background, level) for the palette and the stylesheet of a theme."""
    pal, text = themes.palette(theme), _text_level(theme)
    c = pal.color
    for fg, bg in ((R.Text, R.Base), (R.Text, R.AlternateBase), (R.WindowText, R.Window), (R.ButtonText, R.Button),
                   (R.HighlightedText, R.Highlight), (R.Link, R.Base), (R.Link, R.Window),
                   (R.PlaceholderText, R.Base), (R.ToolTipText, R.ToolTipBase)):
        yield f"{fg.name} on {bg.name}", c(fg), c(bg), text
    for bg in (R.Base, R.Window, R.Button, R.AlternateBase):  # selection bars and focus rings
        yield f"Highlight beside {bg.name}", c(R.Highlight), c(bg), contrast.NON_TEXT
    rules = _rules(theme)
    assert rules, f"no stylesheet for {theme}"
    title = rules["QDockWidget::title"]["background"]
    yield "dock title", c(R.WindowText), title, text
    meta = rules["QLabel#panelMeta"]["color"]
    for where, bg in (("window", c(R.Window)), ("base", c(R.Base)),
                      ("quote card", rules["QFrame#quoteCard"]["background"])):
        yield f"panelMeta on {where}", meta, bg, text
    error = rules['QLabel[fieldError="true"]']["color"]  # an editor field's message
    for bg in (R.Window, R.Base):
        yield f"field error on {bg.name}", error, c(bg), text
    badges = [s for s in rules if s.startswith("QLabel#badge")]
    assert len(badges) == 3
    for s in badges:
        yield s, rules[s]["color"], rules[s]["background"], text
    for s, props in rules.items():  # the high-contrast theme's thick borders are the controls' edges
        if "border" in props and not s.startswith(("QFrame", "QDockWidget")):
            edge = props["border"].split()[-1]
            for bg in (R.Window, R.Base, R.Button):
                yield f"{s} border beside {bg.name}", edge, c(bg), contrast.NON_TEXT


def _canvas_pairs(theme: str):
    """(what, foreground, background, level) for the canvas's colours in a theme."""
    s, text = Style(theme), _text_level(theme)
    c = s.colour
    grounds = ("background", "lane_alt")
    for fg in ("text", "muted", "now"):  # lane names, folded lanes and the legend, the "today" label
        for bg in grounds:
            yield f"{fg} on {bg}", c(fg), c(bg), text
    yield "selected label", c("background"), c("accent"), text
    for mark in ("accent", "leader", "now"):  # the selection ring, label leaders, the today line
        for bg in grounds:
            yield f"{mark} beside {bg}", c(mark), c(bg), contrast.NON_TEXT
    for i, colour in enumerate(s.classes):
        for bg in grounds:
            yield f"mark {i} beside {bg}", colour, c(bg), contrast.NON_TEXT
    for i, pair in enumerate(s.tenures):
        for j, colour in enumerate(pair):
            yield f"name on tenure {i}.{j}", c("tenure_text"), colour, text
            yield f"name on the uncertain part of tenure {i}.{j}", c("text"), s.pale(colour, s.uncertain_alpha), text
            for bg in grounds:
                yield f"tenure {i}.{j} beside {bg}", colour, c(bg), contrast.NON_TEXT


def test_the_formula_matches_wcag_reference_values():
    assert contrast.ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast.ratio((255, 255, 255), (255, 255, 255)) == pytest.approx(1.0)
    # #767676 is the lightest grey that passes AA on white; #777777 just fails
    assert contrast.ratio(contrast.channels("#767676"), contrast.channels("#fff")) == pytest.approx(4.54, abs=0.01)
    assert contrast.ratio(contrast.channels("#777777"), contrast.channels("#ffffff")) < 4.5


@pytest.mark.parametrize("theme", themes.THEMES)
def test_every_widget_colour_pair_meets_wcag(qapp, theme):
    failing = [f"{what}: {contrast.ratio(_rgb(fg), _rgb(bg)):.2f} < {level}"
               for what, fg, bg, level in _widget_pairs(theme) if contrast.ratio(_rgb(fg), _rgb(bg)) < level]
    assert not failing, failing


@pytest.mark.parametrize("theme", themes.THEMES)
def test_every_canvas_colour_pair_meets_wcag(qapp, theme):
    failing = [f"{what}: {contrast.ratio(_rgb(fg), _rgb(bg)):.2f} < {level}"
               for what, fg, bg, level in _canvas_pairs(theme) if contrast.ratio(_rgb(fg), _rgb(bg)) < level]
    assert not failing, failing

def test_the_canvas_and_the_widgets_cover_the_same_themes():
    from desktop.timeline import style

    assert set(style.THEMES) == set(themes.THEMES)
