"""A workshop whose every typed text is hostile: Markdown, HTML, a spreadsheet formula, links
and images to another host. Built through the store, as the app would have stored it.

Each label carries one marker word (so a test can find it on a page) and the hostile strings;
``127.0.0.2`` is a loopback address that is not the app's: a request to it is one that left.
"""

from __future__ import annotations

import datetime as dt

from engine.core.exercise import kind
from engine.core.setup import new_workshop, revise
from engine.core.store import Store
from engine.core.workshop import Group

PIN = "482619"
IMAGE = "![x](http://127.0.0.2/pixel.png)"
HTML = "<img src=http://127.0.0.2/p.png onerror=alert(1)>"
BOLD = "**bold**"
FORMULA = '=HYPERLINK("http://x","y")'
LINK = "[link](http://127.0.0.2)"
HOSTILE = (IMAGE, HTML, BOLD, FORMULA, LINK)
NOW = dt.datetime(2026, 3, 14, 9, 30, tzinfo=dt.UTC)


def text(marker: str, *parts: str) -> str:
    """A label: the marker word, then hostile strings (all of them unless ``parts``)."""
    return " ".join((marker, *(parts or HOSTILE)))


TITLE = text("Workshop")
PLACE = text("Place", BOLD, LINK)
GROUPS = [text("Diggers", BOLD, LINK, IMAGE), text("Panners", HTML, FORMULA)]
EXERCISE = text("Vote", BOLD, LINK, HTML)
ITEMS = [text("Mercury", IMAGE, BOLD), text("Forest", HTML, FORMULA), text("River", LINK)]
PROPOSAL = text("Proposed", BOLD, IMAGE, HTML)
MAP = text("Map", BOLD, LINK)
ACTORS = [text("Chief", BOLD, LINK), text("Buyer", HTML)]
NOTES = [text("Goal", IMAGE, BOLD, FORMULA), text("Note", HTML, LINK)]


def store_hostile_workshop(store_url: str) -> str:
    """The workshop, stored: two groups, an open prioritisation by beans with three items, a
    few ballots and a participant's proposal waiting; a stakeholder map (closed) whose actors'
    goals and a link's note are notes. Returns its join code."""
    store = Store(store_url)
    workshop = new_workshop(title=TITLE, place=PLACE, date=NOW.date(), language="en", pin=PIN,
                            taken_codes=set(store.codes()))
    groups = [Group(id=f"group-{n}", label={"en": label}, hrba_role="rights_holder")
              for n, label in enumerate(GROUPS, 1)]
    workshop = workshop.model_copy(update={"groups": groups})
    workshop = type(workshop).model_validate(workshop.model_dump())
    store.import_workshop(workshop)
    code = workshop.code
    store.save_settings(revise(store.settings(code)[1], groups=groups))

    beans = kind("prioritisation").new_design("en", workshop.references())
    items = [item.model_copy(update={"label": {"en": label}})
             for item, label in zip(beans.items, ITEMS)]
    store.add_exercise(code, "prioritisation", "vote", {"en": EXERCISE},
                       beans.model_copy(update={"items": items}))

    network = kind("network").new_design("en", workshop.references())
    plan = network.model_dump()
    themap = plan.get("map", plan)
    themap["question"] = {"en": MAP}
    for actor, label, goal in zip(themap["actors"], ACTORS, NOTES):
        actor.update(label={"en": label}, goal=goal)
    themap["actors"] = themap["actors"][:2]
    (first, second) = (a["id"] for a in themap["actors"])
    themap["links"] = [{"source": first, "target": second, "layer": "relationship",
                        "sign": "conflict", "note": NOTES[1]}]
    store.add_exercise(code, "network", "map", {"en": MAP}, plan)

    store.set_status(code, "vote", "open")
    voters = [store.join(code, group.id, "en", NOW) for group in groups for _ in range(2)]
    (first_item, second_item, _) = (item.id for item in items)
    for n, voter in enumerate(voters):
        split = {first_item: 10 - n, second_item: n} if n else {first_item: 10}
        store.cast(code, "vote", voter.token, {"method": "tokens", "beans": split}, NOW)
    store.propose(code, "vote", voters[0].token, {"text": PROPOSAL}, "en", NOW)
    return code
