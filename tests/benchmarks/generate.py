"""Synthetic timelines of any size, for benchmarks and screenshots.

    .venv/bin/python tests/benchmarks/generate.py 100000 -o /tmp/big.yaml

`make_timeline(n, seed)` builds n events over 1990-2025 with the mix a real council timeline has
(inspections with ratings, visits, interventions, plans with an end, leadership changes,
statements), a share of month-only, year-only and approximate dates, and tenures in proportion
(one per 20 events, at least two per post, in a few posts, the last of each post still in office).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.core.dates import PartialDate  # noqa: E402
from desktop.core.model import Event, EventKind, Person, Post, Quote, Rating, Source, Tenure, Timeline  # noqa: E402

FIRST_YEAR, LAST_YEAR = 1990, 2025
_KINDS = [(EventKind.INSPECTION, 20), (EventKind.MONITORING_VISIT, 15), (EventKind.FOCUSED_VISIT, 5),
          (EventKind.INTERVENTION, 8), (EventKind.PLAN, 7), (EventKind.DECISION, 10),
          (EventKind.LEADERSHIP, 10), (EventKind.STATEMENT, 25)]
_POSTS = ["Director of Children's Services", "Executive Member for Children's Services", "Leader of the council",
          "Chief Executive", "Assistant Director, Safeguarding", "Independent Chair of the Improvement Board"]
_WORDS = ("council children services ofsted report inspection leaders progress plan board safeguarding "
          "social workers caseloads improvement notice minister commissioner review audit families").split()


def _date(rng: random.Random) -> PartialDate:
    y = rng.randint(FIRST_YEAR, LAST_YEAR)
    m, d = rng.randint(1, 12), rng.randint(1, 28)
    roll = rng.random()
    approx = rng.random() < 0.08
    if roll < 0.08:
        return PartialDate(y, approx=approx)
    if roll < 0.25:
        return PartialDate(y, m, approx=approx)
    return PartialDate(y, m, d, approx)


def _title(rng: random.Random, kind: EventKind) -> str:
    words = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(2, 6)))
    return f"{kind.label}: {words}"


def make_timeline(n: int, seed: int = 0) -> Timeline:
    """A timeline of n events (and n // 20 tenures, at least two per post) that the loader would accept."""
    rng = random.Random(seed)
    kinds = [k for k, w in _KINDS for _ in range(w)]
    ratings = list(Rating)
    sources = [Source(f"source-{i}", rng.choice(["Tameside Reporter", "Manchester Evening News", "Ofsted"]),
                      f"Report {i}", None, _date(rng)) for i in range(max(1, n // 10))]
    events = []
    for i in range(n):
        kind = rng.choice(kinds)
        date = _date(rng)
        srcs = sorted({rng.randrange(len(sources)) for _ in range(rng.randint(1, 2))})
        event = Event(f"event-{i}", date, kind, _title(rng, kind),
                      rating=rng.choice(ratings) if kind is EventKind.INSPECTION else None,
                      sources=[sources[s].id for s in srcs])
        if kind is EventKind.PLAN and rng.random() < 0.5 and date.year < 9999:
            event.end = PartialDate(min(date.year + rng.randint(1, 3), 9999), rng.randint(1, 12))
        if rng.random() < 0.1:
            event.quotes.append(Quote(rng.choice(["Ofsted", "A council spokesperson"]),
                                      " ".join(rng.choice(_WORDS) for _ in range(12)), event.sources[0]))
        events.append(event)
    n_posts = min(len(_POSTS), max(3, 3 + n // 20000))
    n_tenures = max(2 * n_posts, n // 20)
    posts = [Post(f"post-{i}", name) for i, name in enumerate(_POSTS[:n_posts])]
    people = [Person(f"person-{i}", f"{rng.choice('ABCDEFGHJKLMNPRSTW')}. {rng.choice(_WORDS).capitalize()}son")
              for i in range(n_tenures)]
    tenures = []
    per_post = -(-n_tenures // n_posts)
    days = (LAST_YEAR - FIRST_YEAR + 1) * 365
    for p, post in enumerate(posts):
        count = min(per_post, n_tenures - p * per_post)
        bounds = sorted(rng.sample(range(1, days), max(count - 1, 0)))
        starts = [0] + bounds
        for j in range(count):
            person = people[p * per_post + j]
            start = _ordinal_date(starts[j] - (rng.randint(0, 40) if j and rng.random() < 0.1 else 0))
            end = None if j == count - 1 else _ordinal_date(starts[j + 1])
            if end is not None and end <= start:
                end = _ordinal_date(starts[j] + 1)
            tenures.append(Tenure(person.id, post.id, start, end, [sources[0].id]))
    return Timeline(title=f"Synthetic timeline of {n} events", description="Generated for benchmarks.",
                    sources=sources, people=people, posts=posts, tenures=tenures, events=events)


def _ordinal_date(day: int) -> PartialDate:
    import datetime as dt

    d = dt.date(FIRST_YEAR, 1, 1) + dt.timedelta(days=max(day, 0))
    return PartialDate(d.year, d.month, d.day)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of events")
    parser.add_argument("-o", "--output", type=Path, help="write YAML here (default: standard output)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    from desktop import storage

    text = storage.dump(make_timeline(args.n, args.seed))
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
