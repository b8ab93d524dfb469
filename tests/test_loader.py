"""Opening in the background: progress, Cancel, failures and a second open never lose the open timeline."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt, QTimer

from desktop import storage
from desktop.storage.cache import ParseCache
from desktop.document import Document
from desktop.document.opening import BackgroundOpener
from desktop.panels.load_progress import LoadProgress
from samples import timeline_yaml, write_timeline
from saving import save


@pytest.fixture
def document(qtbot) -> Document:
    doc = Document()
    doc.set_timeline(storage.loads(timeline_yaml(title="Already open"), "open.yaml").timeline, None)
    return doc


@pytest.fixture
def opener(document, tmp_path, qtbot):
    opener = BackgroundOpener(document, ParseCache(tmp_path / "cache"))
    yield opener
    opener.cancel()
    assert opener.wait()


@pytest.fixture
def gate(monkeypatch):
    """Hold every parse at its start until the test opens the gate; record how each parse ended."""
    real_loads = storage.loads
    opened, endings = threading.Event(), []

    def gated_loads(*args, **kwargs):
        assert opened.wait(10)
        try:
            result = real_loads(*args, **kwargs)
        except BaseException as exc:
            endings.append(type(exc).__name__)
            raise
        endings.append("loaded")
        return result

    monkeypatch.setattr(storage, "loads", gated_loads)
    return opened, endings


def test_open_in_background_reports_progress_then_uses_the_cache(tmp_path, document, opener, qtbot):
    path = write_timeline(tmp_path, events=2000)
    steps = []
    opener.progressed.connect(lambda done, total: steps.append((done, total)))
    with qtbot.waitSignal(opener.opened, timeout=20_000) as first:
        opener.open(path)
    assert len(document.timeline.events) == 2000
    assert document.path == path.resolve()
    assert not first.args[0].from_cache and document.load_seconds is not None
    assert steps and steps[-1][0] == steps[-1][1]  # ends at 100 %
    with qtbot.waitSignal(opener.opened, timeout=20_000) as again:
        opener.open(path)
    assert again.args[0].from_cache
    assert len(document.timeline.events) == 2000


def test_cancel_during_load_leaves_the_previous_timeline_open(tmp_path, document, opener, gate, qtbot):
    opened_gate, endings = gate
    strip = LoadProgress(opener)
    qtbot.addWidget(strip)
    strip.show()  # a status bar would show it; the strip itself reveals after a delay
    previous = document.timeline
    opener.open(write_timeline(tmp_path, title="Big new file", events=500))
    qtbot.waitUntil(strip.isVisible)
    with qtbot.waitSignal(opener.cancelled):
        qtbot.mouseClick(strip.cancel_button, Qt.MouseButton.LeftButton)
    opened_gate.set()
    assert opener.wait()
    qtbot.wait(50)  # let any late signal from the stopped job arrive
    assert endings == ["LoadCancelled"]  # the parse itself stopped, not only the display
    assert document.timeline is previous and document.timeline.title == "Already open"
    assert not opener.busy and not strip.isVisible()


def test_a_bad_file_reports_its_problems_and_keeps_the_open_timeline(tmp_path, document, opener, qtbot):
    path = tmp_path / "bad.yaml"
    path.write_text("format: council-timeline/1\ntitle: x\nevents:\n  - id: a\n    dat: 2016\n", encoding="utf-8")
    with qtbot.waitSignal(opener.failed) as failed:
        opener.open(path)
    failed_path, messages = failed.args
    assert failed_path == path
    assert any(m.startswith(f"{path.resolve()}:5:") for m in messages), messages
    assert document.timeline.title == "Already open"


def test_a_missing_file_is_reported_not_raised(tmp_path, document, opener, qtbot):
    with qtbot.waitSignal(opener.failed) as failed:
        opener.open(tmp_path / "nowhere.yaml")
    assert "nowhere.yaml" in failed.args[1][0]
    assert document.timeline.title == "Already open"


def test_opening_another_file_while_loading_cancels_the_first(tmp_path, document, opener, gate, qtbot):
    opened_gate, endings = gate
    first = write_timeline(tmp_path, name="first.yaml", title="First")
    second = write_timeline(tmp_path, name="second.yaml", title="Second")
    opener.open(first)
    with qtbot.waitSignal(opener.opened, timeout=10_000):
        opener.open(second)
        opened_gate.set()
    assert opener.wait()
    assert document.timeline.title == "Second"
    assert sorted(endings) == ["LoadCancelled", "loaded"]


def test_the_event_loop_keeps_running_while_a_file_is_parsed(tmp_path, document, opener, gate, qtbot):
    """While the worker holds the parse, timers on the GUI thread still fire: the window is not frozen."""
    opened_gate, _ = gate
    ticks = []
    timer = QTimer(interval=5)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    opener.open(write_timeline(tmp_path))
    qtbot.waitUntil(lambda: len(ticks) >= 5)
    assert opener.busy  # the parse has not even started: the loop ran on its own
    with qtbot.waitSignal(opener.opened):
        opened_gate.set()
    timer.stop()


@pytest.mark.parametrize("answer", [False, True], ids=["keep-edits", "replace"])
def test_edits_made_while_a_file_loads_are_not_replaced_without_asking(tmp_path, document, opener, gate, qtbot, answer):
    from desktop.document.commands import SetField

    opened_gate, _ = gate
    asked = []
    opener.confirm_replace = lambda: asked.append(True) or answer
    previous = document.timeline
    opener.open(write_timeline(tmp_path, title="Loaded meanwhile", events=50))
    document.push(SetField(document, document.timeline, "title", "Edited while loading"))
    signal = opener.opened if answer else opener.cancelled
    with qtbot.waitSignal(signal, timeout=20_000):
        opened_gate.set()
    assert asked == [True]
    if answer:
        assert document.timeline.title == "Loaded meanwhile" and not document.is_dirty
    else:
        assert document.timeline is previous and document.timeline.title == "Edited while loading"
        assert document.is_dirty


def test_no_question_when_nothing_was_edited_during_the_load(tmp_path, document, opener, qtbot):
    asked = []
    opener.confirm_replace = lambda: asked.append(True) or False
    with qtbot.waitSignal(opener.opened, timeout=20_000):
        opener.open(write_timeline(tmp_path, title="Quiet open", events=20))
    assert asked == [] and document.timeline.title == "Quiet open"


def test_views_get_what_they_need_built_off_the_gui_thread(tmp_path, document, opener, qtbot):
    """A view's preparer runs in the loading thread; the view takes its result once, as the timeline arrives."""
    built, taken = [], []

    def prepare(timeline):
        built.append(threading.get_ident())
        return ("prepared for", timeline)

    def broken(timeline):
        raise RuntimeError("a bug in a preparer must not stop the file opening")

    document.add_preparer("view", prepare)
    document.add_preparer("other view", broken)
    document.timeline_replaced.connect(lambda: taken.extend(
        [document.take_prepared("view"), document.take_prepared("view"), document.take_prepared("other view")]))
    path = write_timeline(tmp_path, events=50)
    with qtbot.waitSignal(opener.opened, timeout=20_000):
        opener.open(path)
    assert built and built[0] != threading.get_ident()
    assert taken == [("prepared for", document.timeline), None, None]  # taken once; the broken one: build it yourself
    assert document.take_prepared("view") is None  # nothing stale is left for a later rebuild


def test_the_window_takes_the_canvas_and_list_built_in_the_background(tmp_path, qtbot, settings, monkeypatch):
    """With the real views: after a background open both show the new timeline, from the models the
    loading thread made; the GUI thread did not build them again."""
    from desktop.window.mainwindow import MainWindow
    from desktop.panels import event_model
    from desktop.timeline import lanes

    window = MainWindow(Document(), settings)
    qtbot.addWidget(window)
    on_gui_thread = []
    for module, name in ((lanes, "build"), (event_model, "event_rows")):
        real = getattr(module, name)

        def recording(timeline, *args, real=real, name=name, **kwargs):
            if threading.current_thread() is threading.main_thread():
                on_gui_thread.append(name)
            return real(timeline, *args, **kwargs)

        monkeypatch.setattr(module, name, recording)  # what a view calls when nothing was prepared
    path = write_timeline(tmp_path, events=300)
    with qtbot.waitSignal(window.files.opener.opened, timeout=20_000):
        window.files.opener.open(path)
    assert on_gui_thread == []
    assert window.event_list.model.rowCount() == 300
    assert sum(len(lane.items) for lane in window.timeline_view._model.lanes if not lane.is_tenure) == 300


def test_a_file_rewritten_while_it_loads_is_reported_not_overwritten(tmp_path, document, opener, qtbot,
                                                                     monkeypatch):
    """The Document compares the disk with the bytes that were parsed: another program rewriting the
    file during the load (a git pull) is announced, and Save refuses to overwrite it unasked."""
    import hashlib

    from desktop.document import FileChangedOnDisk

    parsing, release = threading.Event(), threading.Event()
    real_loads = storage.loads

    def held_loads(*args, **kwargs):
        parsing.set()  # the bytes have been read by now
        assert release.wait(10)
        return real_loads(*args, **kwargs)

    monkeypatch.setattr(storage, "loads", held_loads)
    path = write_timeline(tmp_path, title="Read version")
    ours = path.read_bytes()
    opener.open(path)
    assert parsing.wait(10)
    path.write_bytes(ours.replace(b"Read version", b"Rewritten meanwhile"))
    with qtbot.waitSignal(document.file_changed_on_disk, timeout=5000):
        release.set()
    assert document.timeline.title == "Read version"
    assert document.disk_hash == hashlib.sha256(ours).digest()
    with pytest.raises(FileChangedOnDisk):
        save(document)
    assert b"Rewritten meanwhile" in path.read_bytes()
