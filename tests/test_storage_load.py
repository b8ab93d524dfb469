"""Loading: every refusal names the file, line and column in plain words; good files load whole."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from desktop import storage
from desktop.core.dates import PartialDate
from desktop.core.model import EventKind, Rating
from samples import BASE

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parent.parent



def problems_of(text: str | bytes) -> list[storage.Problem]:
    with pytest.raises(storage.LoadError) as info:
        storage.loads(text, "t.yaml")
    return info.value.problems


def edit(old: str, new: str) -> str:
    assert old in BASE
    return BASE.replace(old, new, 1)


def test_base_file_loads_into_the_model():
    result = storage.loads(BASE, "t.yaml")
    timeline = result.timeline
    assert timeline.title == "Base"
    assert [e.id for e in timeline.events] == ["ev1"]
    event = timeline.events[0]
    assert event.date == PartialDate(2020, 1, 2) and event.kind is EventKind.INSPECTION
    assert event.rating is Rating.GOOD and event.quotes[0].speaker == "ann"
    assert timeline.tenures[0].start == PartialDate(2019) and timeline.tenures[0].end == PartialDate(2021)
    assert result.warnings == [] and result.has_comments is False


# (what, text, line, column, words that must all be in the message)
REFUSALS = [
    ("syntax error", edit("    people: [ann]", "    people: [ann"), 31, 12, ["syntax", "flow sequence"]),
    ("python tag", edit("title: An inspection", "title: !!python/object/apply:os.system [ls]"), 29, 12,
     ["tag !!python/object/apply:os.system", "not allowed"]),
    ("local tag", edit("title: An inspection", "title: !shout hello"), 29, 12, ["tag !shout"]),
    ("set tag on a list", edit("people: [ann]", "people: !!set {ann: null}"), 30, 13, ["tag !!set"]),
    ("top level list", "- format: council-timeline/1\n", 1, 1, ["top level", "mapping"]),
    ("top level text", "hello\n", 1, 1, ["mapping"]),
    ("empty", "", 1, 1, ["empty"]),
    ("missing format", BASE.replace("format: council-timeline/1\n", ""), 1, 1, ["no 'format:' key"]),
    ("unknown format", edit("council-timeline/1", "council-timeline/7"), 1, 9, ["unknown format version", "/7"]),
    ("unknown key", edit("    title: An inspection", "    titel: An inspection"), 29, 5,
     ["unknown key 'titel' in event", "did you mean 'title'"]),
    ("unknown top key", edit("title: Base", "title: Base\nsorces: []"), 3, 1, ["unknown key 'sorces'", "'sources'"]),
    ("missing required", edit("    outlet: Example Gazette\n", ""), 4, 5, ["source", "missing", "'outlet'"]),
    ("text given a list", edit("    title: An inspection", "    title: [An, inspection]"), 29, 12,
     ["title must be text", "not a list"]),
    ("text given yes", edit("    title: An inspection", "    title: yes"), 29, 12, ["title must be text", '"yes"']),
    ("list given text", edit("    people: [ann]", "    people: ann"), 30, 13, ["people must be a list"]),
    ("approx not bool", edit("    approx: false", "    approx: maybe"), 26, 13, ["approx must be true or false"]),
    ("impossible date", edit("    date: 2020-01-02", "    date: 2023-02-30"), 25, 11, ["2023-02-30 is not a real date"]),
    ("month 13", edit("    date: 2020-01-02", "    date: 2023-13"), 25, 11, ["month 13 does not exist"]),
    ("date with time", edit("    date: 2020-01-02", "    date: 2020-01-02 10:30:00"), 25, 11, ["time of day"]),
    ("date in words", edit("    date: 2020-01-02", "    date: 30/01/2023"), 25, 11, ["not a partial ISO date"]),
    ("tenure ends first", edit("    end: 2021", "    end: 2018"), 21, 10, ["tenure ends (2018) before it starts (2019)"]),
    ("bad kind", edit("    kind: inspection", "    kind: inspecton"), 27, 11, ["kind 'inspecton'", "'inspection'"]),
    ("rating on a statement", edit("    kind: inspection", "    kind: statement"), 28, 13,
     ["rating is only for inspections"]),
    ("duplicate person id", edit("    name: Ann Example", "    name: Ann Example\n  - id: ann\n    name: Ann Two"), 14, 9,
     ["duplicate person id 'ann'"]),
    ("dangling person", edit("    people: [ann]", "    people: [bob]"), 30, 14, ["unknown person 'bob'"]),
    ("dangling post", edit("    post: leader", "    post: mayor"), 19, 11, ["unknown post 'mayor'"]),
    ("dangling source", edit("        source: src", "        source: elsewhere"), 35, 17, ["unknown source 'elsewhere'"]),
    ("duplicate key", edit("    kind: inspection", "    kind: inspection\n    kind: statement"), 28, 5,
     ["duplicate key 'kind' in event"]),
    ("anchor", edit("    people: [ann]", "    people: &p [ann]"), 30, 13, ["anchor &p is not allowed"]),
    ("alias", edit("    people: [ann]", "    people: &p [ann]").replace("    sources: [src]\n    quotes", "    sources: *p\n    quotes"),
     30, 13, ["anchor &p"]),
    ("control character", edit("An inspection", "An \x07inspection"), 29, 15, ["control character U+0007"]),
    ("label too long", edit("    title: An inspection", "    title: An inspection\n    label: " + "x" * 41), 30, 12,
     ["label is too long (41 characters; at most 40)"]),
    ("label on two lines", edit("    title: An inspection", '    title: An inspection\n    label: "one\\ntwo"'), 30, 12,
     ["label must be one line"]),
    ("two documents", BASE + "---\n" + BASE, 36, 1, ["more than one YAML document"]),
]


@pytest.mark.parametrize("what,text,line,column,words", REFUSALS, ids=[r[0] for r in REFUSALS])
def test_refusal_is_reported_with_line_and_column(what, text, line, column, words):
    first = problems_of(text)[0]
    assert (first.file, first.line, first.column) == ("t.yaml", line, column), str(first)
    for word in words:
        assert word in first.message, str(first)
    assert str(first).startswith(f"t.yaml:{line}:{column}: ")


def test_alias_is_reported_where_it_is_used():
    text = edit("    people: [ann]", "    people: &p [ann]").replace("    sources: [src]\n    quotes", "    sources: *p\n    quotes")
    positions = [(p.line, p.column, p.message.split(" is ")[0]) for p in problems_of(text)]
    assert positions == [(30, 13, "anchor &p"), (31, 14, "alias *p")]


def test_invalid_utf8_byte_is_located():
    data = edit("An inspection", "An insp\xe9ction").encode("latin-1")
    (problem,) = problems_of(data)
    assert (problem.line, problem.column) == (29, 19)
    assert "byte 0xE9 is not valid UTF-8" in problem.message


def test_utf16_file_is_refused_as_not_utf8():
    (problem,) = problems_of(BASE.encode("utf-16"))
    assert (problem.line, problem.column) == (1, 1) and "UTF-16" in problem.message


def test_crlf_and_bom_are_accepted():
    data = b"\xef\xbb\xbf" + BASE.replace("\n", "\r\n").encode("utf-8")
    assert storage.loads(data, "t.yaml").timeline == storage.loads(BASE, "t.yaml").timeline
    # positions still count lines, not CR and LF separately
    first = problems_of(data.replace(b"    title: An inspection", b"    titel: An inspection"))[0]
    assert (first.line, first.column) == (29, 5)


def test_every_problem_is_reported_in_file_order():
    text = (edit("    kind: inspection", "    kind: raid").replace("    people: [ann]", "    people: [bob]")
            .replace("    name: Council leader", "    nam: Council leader"))
    found = [(p.line, p.column) for p in problems_of(text)]
    assert found == [(16, 5), (27, 11), (30, 14)]


def test_problems_stop_at_a_bound():
    events = "".join(f"  - id: e{i}\n    date: 2020\n    kind: raid\n    title: T\n    sources: [src]\n" for i in range(150))
    text = BASE.split("events:\n")[0] + "events:\n" + events
    problems = problems_of(text)
    assert len(problems) == storage.MAX_PROBLEMS + 1
    assert "stopped after 100 problems" in problems[-1].message


def test_billion_laughs_is_refused_quickly():
    lines = ["format: council-timeline/1", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, cur in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    lines.append("title: *i")
    started = time.process_time()
    problems = problems_of("\n".join(lines) + "\n")
    assert time.process_time() - started < 1.0  # expanding it would take minutes and gigabytes
    assert (problems[0].line, problems[0].column) == (2, 4) and "anchor &a" in problems[0].message


DEEP = {  # name: (text, where the 33rd level starts)
    "flow lists": ("format: council-timeline/1\ntitle: " + "[" * 10000 + "b" + "]" * 10000 + "\n", (2, 39)),
    "flow maps": ("format: council-timeline/1\ntitle: " + "{a: " * 10000 + "b" + "}" * 10000 + "\n", (2, 132)),
    "block lists, 200": ("format: council-timeline/1\ntitle:\n" + "".join(" " * i + "- \n" for i in range(0, 400, 2)),
                         (34, 63)),
    # past libyaml 0.2.6's own limit of 1,000 levels (PyYAML 6.0.4), which used to answer first
    "block lists, 3000": ("format: council-timeline/1\ntitle:\n" + "".join(" " * i + "- \n" for i in range(0, 6000, 2)),
                          (34, 63)),
    "block maps, 3000": ("format: council-timeline/1\ntitle:\n" + "".join(" " * i + "k:\n" for i in range(1, 3001)),
                         (34, 33)),
}


@pytest.mark.parametrize("name", DEEP)
def test_deep_nesting_is_our_clean_error_at_the_level_too_deep(name):
    text, where = DEEP[name]
    (problem,) = problems_of(text)
    assert (problem.line, problem.column) == where
    assert "nested deeper than 32 levels" in problem.message and "YAML syntax error" not in problem.message


OTHER_PYYAML = Path(sys.prefix) / "pyyaml-6.0.3"  # installed by the Makefile from requirements/pyyaml-6.0.3.txt


def test_deep_nesting_gets_the_same_message_with_pyyaml_6_0_3():
    """PyYAML 6.0.3 bundles libyaml 0.2.5 (no nesting limit), 6.0.4 libyaml 0.2.6 (a limit of 1,000):
    the same files must get the same problems with both."""
    if not (OTHER_PYYAML / "yaml").is_dir():
        if os.environ.get("COUNCIL_TIMELINE_MAKE"):
            pytest.fail(f"{OTHER_PYYAML} is missing: make test installs it")
        pytest.skip(f"{OTHER_PYYAML} is missing: run make test, which installs it")
    script = (
        "import json, sys, yaml\n"
        "from desktop import storage\n"
        "out = {'version': yaml.__version__, 'libyaml': yaml.__with_libyaml__}\n"
        "for name, text in json.load(sys.stdin).items():\n"
        "    try:\n"
        "        storage.loads(text, 't.yaml')\n"
        "    except storage.LoadError as exc:\n"
        "        out[name] = [[p.line, p.column, p.message] for p in exc.problems]\n"
        "print(json.dumps(out))\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(OTHER_PYYAML), str(ROOT)])}
    run = subprocess.run([sys.executable, "-c", script], input=json.dumps({k: t for k, (t, _) in DEEP.items()}),
                         capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert run.returncode == 0, run.stderr
    other = json.loads(run.stdout)
    assert (other.pop("version"), other.pop("libyaml")) == ("6.0.3", True)
    assert yaml.__version__ != "6.0.3"  # this process has the locked PyYAML
    for name, (text, _) in DEEP.items():
        assert other[name] == [[p.line, p.column, p.message] for p in problems_of(text)], name


def test_huge_string_is_refused_as_too_long():
    (problem,) = problems_of("format: council-timeline/1\ntitle: " + "x" * 200_000 + "\n")
    assert (problem.line, problem.column) == (2, 8) and "title is too long (200,000 characters" in problem.message


def test_speaker_that_looks_like_a_missing_id_is_a_warning_and_free_text_is_fine():
    text = edit("      - speaker: ann", "      - speaker: ann-exampel").replace(
        "        source: src\n", "        source: src\n      - speaker: Ofsted\n        text: Other words.\n        source: src\n")
    result = storage.loads(text, "t.yaml")
    assert [q.speaker for q in result.timeline.events[0].quotes] == ["ann-exampel", "Ofsted"]
    (warning,) = result.warnings
    assert (warning.line, warning.column, warning.severity) == (33, 18, "warning")
    assert "speaker 'ann-exampel' looks like a person id" in warning.message
    assert warning.ref == ("event", "ev1")
    assert str(warning).startswith("t.yaml:33:18: warning: ")


def test_event_without_sources_is_a_warning():
    result = storage.loads(edit("    sources: [src]\n    quotes", "    sources: []\n    quotes"), "t.yaml")
    assert [(w.line, w.message) for w in result.warnings] == [(31, "the event cites no source")]


def test_comments_are_noticed_so_the_app_can_warn_they_will_not_be_kept():
    assert storage.loads("# notes\n" + BASE, "t.yaml").has_comments
    assert storage.loads(edit("title: Base", "title: Base  # draft"), "t.yaml").has_comments
    assert storage.loads(edit("      - speaker: ann", "      # spoken at the meeting\n      - speaker: ann"), "t.yaml").has_comments
    assert not storage.loads(edit("title: Base", "title: Issue#5"), "t.yaml").has_comments
    assert not storage.loads(edit("title: Base", 'title: "Base: #1 in the region"'), "t.yaml").has_comments
    assert not storage.loads(edit("title: Base", "title: |\n  Base\n  # not a comment in a block"), "t.yaml").has_comments
    assert not storage.load(FIXTURES / "canonical.yaml").has_comments  # it has a quoted " #"


def test_progress_is_reported_and_cancel_stops_the_load():
    events = "".join(f"  - id: e{i}\n    date: 2020\n    kind: plan\n    title: T\n    sources: [src]\n" for i in range(3000))
    text = BASE.split("events:\n")[0] + "events:\n" + events
    seen: list[tuple[int, int]] = []
    storage.loads(text, "t.yaml", progress=lambda done, total: seen.append((done, total)))
    assert len(seen) > 5 and seen[-1][0] == seen[-1][1]
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    calls = []
    with pytest.raises(storage.LoadCancelled):
        storage.loads(text, "t.yaml", cancelled=lambda: calls.append(1) or len(calls) > 2)


@pytest.mark.parametrize("text", ["- a list\n", "just words\n", "", "title: [\n"])
def test_progress_and_cancel_callbacks_do_not_change_how_a_bad_file_is_refused(text):
    with pytest.raises(storage.LoadError):
        storage.loads(text, "t.yaml", progress=lambda done, total: None, cancelled=lambda: False)


def test_unreadable_paths_raise_oserror(tmp_path):
    with pytest.raises(OSError):
        storage.load(tmp_path)
    with pytest.raises(OSError):
        storage.load(tmp_path / "missing.yaml")


def test_fixture_loads_with_every_key():
    result = storage.load(FIXTURES / "canonical.yaml")
    timeline = result.timeline
    assert timeline.sources[1].published == PartialDate(2022, 6, approx=True)
    assert timeline.tenures[0].start == PartialDate(2015, approx=True) and timeline.tenures[0].end is None
    assert timeline.events[0].end == PartialDate(2019, 3)
    assert timeline.events[0].summary == "The service is judged inadequate overall.\nLeaders are told to act quickly.\n"
    assert timeline.presentation.steps[1].quote is None
    assert result.warnings == []
