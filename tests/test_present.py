"""Presentation mode: the clicker's keys step through events and the timeline follows."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from samples import rich_timeline, with_presentation
from PySide6.QtCore import Qt

from desktop.document.commands import SetField
from desktop.document import Document
from desktop.window.present import PresentationWindow, choose_screen

ROOT = Path(__file__).resolve().parent.parent


def _document(timeline=None) -> Document:
    document = Document()
    document.set_timeline(timeline or rich_timeline(), None)
    return document


@pytest.fixture
def show(qtbot):
    def make(document, size=(1280, 720)):
        window = PresentationWindow(document)
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


def _years(window) -> list[int]:
    """The years the slide's timeline strip shows."""
    return [int(t.text) for t in window.painted() if t.role == "axis"]


def _in_view(window, event) -> bool:
    years = _years(window)
    return bool(years) and min(years) <= event.date.year <= max(years)


def test_keys_step_through_events_in_date_order_and_the_strip_follows(qtbot, show):
    document = _document()
    window = show(document)
    events = document.timeline.events_in_order()
    assert window.index == 0 and "Tameside children's services" in window.texts("headline")
    for number, (key, event) in enumerate(zip((Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space), events), 1):
        qtbot.keyClick(window, key)
        assert window.index == number
        assert window.texts("counter") == f"{number} / 4"
        assert event.title in window.texts("headline")
        assert _in_view(window, event), (key, event.id, _years(window))
        assert document.selection is event  # the editing window's panels follow
    qtbot.keyClick(window, Qt.Key.Key_Backspace)
    assert window.index == 2 and _in_view(window, events[1])
    qtbot.keyClick(window, Qt.Key.Key_PageUp)
    qtbot.keyClick(window, Qt.Key.Key_Left)
    assert window.index == 0
    qtbot.keyClick(window, Qt.Key.Key_Left)  # already at the start: stays
    assert window.index == 0
    qtbot.keyClick(window, Qt.Key.Key_End)
    assert window.texts("counter") == "4 / 4" and _in_view(window, events[-1])
    qtbot.keyClick(window, Qt.Key.Key_Right)  # past the end: stays
    assert window.index == 4
    qtbot.keyClick(window, Qt.Key.Key_Home)
    assert window.index == 0


def test_the_strip_moves_to_the_years_around_each_event(show):
    document = _document()
    window = show(document)
    first, last = document.timeline.events_in_order()[0], document.timeline.events_in_order()[-1]
    window.go_to(1)
    early = _years(window)
    window.go_to(4)
    late = _years(window)
    assert early != late and first.date.year in early and last.date.year in late
    assert max(late) - min(late) <= 6  # a few years around the event, not the whole timeline


def test_slide_shows_date_rating_quote_speaker_and_source(qtbot, show):
    window = show(_document())
    qtbot.keyClick(window, Qt.Key.Key_Right)
    meta = window.texts("meta")
    assert "2016" in meta and "Inspection" in meta and "Inadequate" in meta
    assert "Widespread and serious failures" in window.texts("quote")
    assert "Ofsted" in window.texts("attribution")
    assert "Tameside Reporter, 19 Oct 2017" in window.texts("attribution")
    qtbot.keyClick(window, Qt.Key.Key_End)
    assert "Ged Cooney, Council leader" in window.texts("attribution")
    assert "Tameside Correspondent, Jun 2022" in window.texts("attribution")


def test_only_the_events_the_filters_keep(qtbot, show):
    document = _document()
    document.set_event_filter(frozenset({"improvement-plan", "ofsted-2016-inadequate"}))
    window = show(document)
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.texts("counter") == "1 / 2" and window.current_event().id == "ofsted-2016-inadequate"
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.current_event().id == "improvement-plan"
    assert "Improvement plan agreed" in window.texts("headline")


def test_prepared_talk_uses_its_title_steps_and_chosen_quotes(qtbot, show):
    window = show(_document(with_presentation(rich_timeline())))
    assert "A prepared talk" in window.texts("headline") and "Two slides" in window.texts("meta")
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.current_event().id == "leader-statement-2022"  # the presenter's order, not date order
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.texts("counter") == "2 / 2"
    assert "We accept the findings" in window.texts("quote")  # quote index 1, not the first
    assert "Alison Gwynne, Director of Children" in window.texts("attribution")


def test_a_talk_prepared_in_the_yaml_file_is_presented(qtbot, show, tmp_path):
    from desktop import storage

    path = tmp_path / "talk.yaml"
    storage.save(with_presentation(rich_timeline()), path)
    assert "presentation:" in path.read_text(encoding="utf-8")
    document = Document()
    document.open(path)
    window = show(document)
    assert "A prepared talk" in window.texts("headline")
    assert [s.event.id for s in window.slides] == ["leader-statement-2022", "monitoring-2017-10"]
    assert [s.quote for s in window.slides] == [0, 1]


def test_filter_changed_while_presenting_keeps_the_current_event(qtbot, show):
    document = _document()
    window = show(document)
    window.go_to(3)  # the improvement plan
    document.set_event_filter(frozenset({"improvement-plan", "leader-statement-2022"}))
    assert window.current_event().id == "improvement-plan" and window.texts("counter") == "1 / 2"


def test_an_edit_made_meanwhile_shows_on_the_slide(qtbot, show):
    document = _document()
    window = show(document)
    window.go_to(1)
    event = window.current_event()
    document.push(SetField(document, event, "title", "Retitled while presenting"))
    assert "Retitled while presenting" in window.texts("headline") and window.current_event() is event


def test_a_screen_reader_is_told_what_each_slide_shows(qtbot, show):
    window = show(_document())
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert "Ofsted rates children's services inadequate" in window.accessibleName()
    assert "1 / 4" in window.accessibleName()
    assert "Widespread and serious failures" in window.accessibleDescription()
    assert "Tameside Reporter, 19 Oct 2017" in window.accessibleDescription()


def test_an_empty_timeline_shows_only_its_title(qtbot, show):
    from desktop.core.model import Timeline

    window = show(_document(Timeline(title="Nothing yet")))
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.index == 0 and "No events to show" in window.texts("attribution")


def test_b_blanks_and_unblanks_and_escape_leaves(qtbot, show):
    window = show(_document())
    qtbot.keyClick(window, Qt.Key.Key_Right)
    qtbot.keyClick(window, Qt.Key.Key_B)
    assert window.is_blank
    assert window.grab().toImage().pixelColor(640, 60).lightness() < 10  # the headline is gone
    qtbot.keyClick(window, Qt.Key.Key_Right)  # the first press only brings the picture back
    assert not window.is_blank and window.index == 1
    qtbot.keyClick(window, Qt.Key.Key_B)
    qtbot.keyClick(window, Qt.Key.Key_B)
    assert not window.is_blank
    with qtbot.waitSignal(window.finished, timeout=1000):
        qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.isVisible()


@pytest.mark.parametrize("height", [1080, 720])
def test_every_text_is_large_enough_for_the_back_of_the_room(show, height):
    window = show(_document(), size=(height * 16 // 9, height))
    for index in range(len(window.slides) + 1):
        window.go_to(index)
        for text in window.painted():
            assert text.px >= round(height * 0.03), (index, text.role, text.text, text.px)


def test_a_long_quote_is_set_smaller_but_not_below_the_smallest_size(show):
    timeline = rich_timeline()
    timeline.events_in_order()[0].quotes[0].text = "Widespread and serious failures " * 25
    window = show(_document(timeline), size=(1280, 720))
    window.go_to(1)
    quote = next(t for t in window.painted() if t.role == "quote")
    assert 22 <= quote.px < round(720 * 0.044)
    assert quote.rect.bottom() <= 720 and quote.box.adjusted(-1, -1, 1, 1).contains(quote.rect)


_TWO_SCREENS = {"screens": [
    {"name": "laptop", "x": 0, "y": 0, "width": 1280, "height": 800, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
    {"name": "projector", "x": 1280, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96, "logicalBaseDpi": 96,
     "dpr": 1},
]}
_ON_TWO_SCREENS = """
import sys
sys.path[:0] = [sys.argv[1], sys.argv[1] + '/tests']
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
from samples import rich_timeline
from desktop.document import Document
from desktop.window.present import start_presentation
document = Document()
document.set_timeline(rich_timeline(), None)
editing = QWidget()
editing.setScreen(app.screens()[0])
editing.show()
window = start_presentation(document, editing)
app.processEvents()
print(window.screen().name(), window.isFullScreen(), window.geometry().getRect())
"""


def test_presentation_opens_full_screen_on_the_second_screen(tmp_path):
    """Qt's offscreen platform can pretend to have a laptop and a projector attached."""
    config = tmp_path / "screens.json"
    config.write_text(json.dumps(_TWO_SCREENS))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
    run = subprocess.run([sys.executable, "-c", _ON_TWO_SCREENS, str(ROOT)], env=env, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split()[:2] == ["projector", "True"]
    assert "(1280, 0, 1920, 1080)" in run.stdout


def test_one_screen_presents_on_it(qapp):
    screen = qapp.screens()[0]
    if len(qapp.screens()) > 1:
        pytest.skip("more than one screen attached")
    assert choose_screen(screen) is screen


def test_present_with_screenshot_saves_the_slides_at_the_asked_size(tmp_path):
    """`--present --screenshot` is how the README's presentation pictures are made: the PNG must be
    the slides (dark, full of the talk's title), not the editing window behind them."""
    from PySide6.QtGui import QImage

    shot = tmp_path / "slides.png"
    run = subprocess.run([sys.executable, "-m", "desktop", "--present", "--size", "800x450", "--screenshot",
                          str(shot), "--settings", str(tmp_path / "s.ini")], cwd=ROOT, capture_output=True,
                         text=True, timeout=120, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert run.returncode == 0, run.stderr
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (800, 450)
    corner = image.pixelColor(4, image.height() - 4)  # the editing window has a light status bar there
    assert corner.lightness() < 60, corner.name()
