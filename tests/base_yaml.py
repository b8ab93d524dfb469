"""The smallest complete timeline file, which load tests and the bad-input corpus mutate one line at a time."""

BASE = """\
format: council-timeline/1
title: Base
sources:
  - id: src
    outlet: Example Gazette
    title: An article
    author: null
    published: 2020-01-02
    url: null
    archive: null
people:
  - id: ann
    name: Ann Example
posts:
  - id: leader
    name: Council leader
tenures:
  - person: ann
    post: leader
    start: 2019
    end: 2021
    sources: [src]
events:
  - id: ev1
    date: 2020-01-02
    approx: false
    kind: inspection
    rating: good
    title: An inspection
    people: [ann]
    sources: [src]
    quotes:
      - speaker: ann
        text: Some words.
        source: src
"""
