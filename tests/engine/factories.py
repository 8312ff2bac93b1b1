"""Small builders of test workshops, as file data (plain dicts) or validated ``Workshop`` models.

The tests write the few ballots they need by hand, so that every expected number can be checked
with pencil and paper:

    small_workshop(people={"women": ["woman-1"]}, exercises=[
        tokens_exercise("beans", ["water", "roads"], [beans("woman-1", water=6, roads=4)])])

Exercises are written as format 3 files hold them: ``{"id", "kind", "title", "status",
"design": {...}, "ballots": [...], "shown": [...]}``.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import engine.exercises  # noqa: F401  (registers every kind)
from engine.core.access import hash_pin
from engine.core.file_format import dump_workshop
from engine.core.records import proxy_token
from engine.core.workshop import Workshop

T0 = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)
PIN = "2468"
CODE = "TESTA"


@cache
def pin_hash() -> str:
    """``PIN`` hashed once for the whole run (PBKDF2 is slow on purpose)."""
    return hash_pin(PIN, salt=b"fixed-test-salt!")


def at(minute: int) -> dt.datetime:
    """A time on the workshop morning, ``minute`` minutes after 9:00 UTC."""
    return T0 + dt.timedelta(minutes=minute)


def _ballot(token: str, answer: dict, voters: int, minute: int | None) -> dict:
    cast_at = at(minute if minute is not None else 0).isoformat().replace("+00:00", "Z")
    return {"participant": token, "cast_at": cast_at, "voters": voters, "answer": answer}


def beans(token: str, voters: int = 1, minute: int | None = None, **counts: int) -> dict:
    """A bean ballot: ``beans("woman-1", water=6, roads=4)``."""
    return _ballot(token, {"method": "tokens", "beans": counts}, voters, minute)


def ratings(token: str, voters: int = 1, minute: int | None = None,
            **pairs: tuple[int, int]) -> dict:
    """An importance × urgency ballot: ``ratings("woman-1", fence=(4, 2))`` rates the fence
    importance 4, urgency 2."""
    answer = {"method": "importance-urgency",
              "ratings": {item: {"importance": i, "urgency": u} for item, (i, u) in pairs.items()}}
    return _ballot(token, answer, voters, minute)


def proxy_beans(group: str, voters: int, **counts: int) -> dict:
    """A group's proxy tally of beans, standing for ``voters`` people."""
    return beans(proxy_token(group), voters, **counts)


def joined(token: str, group: str, proxy: bool = False) -> dict:
    """A participant as the file holds them (joined at 9:00, English)."""
    return {"token": token, "group": group, "language": "en", "proxy": proxy,
            "joined_at": "2026-03-01T09:00:00Z"}


def _exercise(exercise_id: str, method: str, items: list[str], ballots: list[dict], status: str,
              shown: list[dict] = (), **design: object) -> dict:
    """A prioritisation as file data (format 3): its design, ballots and what was shown."""
    return {"id": exercise_id, "kind": "prioritisation",
            "title": {"en": exercise_id.title(), "fr": f"{exercise_id} (fr)"}, "status": status,
            "design": {"method": method, **design,
                       "items": [{"id": item, "label": {"en": item.title()}} for item in items]},
            "ballots": ballots, "shown": list(shown)}


def tokens_exercise(exercise_id: str, items: list[str], ballots: list[dict] = (), *,
                    budget: int = 10, status: str = "open") -> dict:
    """A bean-distribution exercise, ``budget`` beans per voter."""
    return _exercise(exercise_id, "tokens", items, list(ballots), status, beans=budget)


def matrix_exercise(exercise_id: str, items: list[str], ballots: list[dict] = (), *,
                    status: str = "open") -> dict:
    """An importance × urgency exercise."""
    return _exercise(exercise_id, "importance-urgency", items, list(ballots), status)


def workshop_data(people: dict[str, list[str]], exercises: list[dict] = (), *,
                  proxies: tuple[str, ...] = (), expected: dict[str, int] | None = None,
                  code: str = CODE, small_group_threshold: int = 3) -> dict:
    """Workshop file data: one group per key of ``people`` (in that order), its participants'
    tokens as values, and a proxy participant for each group in ``proxies``."""
    expected = expected or {}
    participants = [joined(token, group) for group, tokens in people.items() for token in tokens]
    participants += [joined(proxy_token(group), group, proxy=True) for group in proxies]
    return {
        "format_version": 3, "code": code, "title": "Test workshop", "place": "Testville",
        "date": "2026-03-01",
        "language": "en", "fictional": True, "pin_hash": pin_hash(),
        "small_group_threshold": small_group_threshold,
        "groups": [{"id": group, "label": {"en": group.title()}, "expected": expected.get(group, 0)}
                   for group in people],
        "participants": participants,
        "exercises": list(exercises),
    }


def small_workshop(people: dict[str, list[str]], exercises: list[dict] = (), **options) -> Workshop:
    """``workshop_data`` validated as a ``Workshop``."""
    return Workshop.model_validate(workshop_data(people, exercises, **options))


def ranking(token: str, *order: str, voters: int = 1, minute: int | None = None) -> dict:
    """A ranking ballot: ``ranking("woman-1", "water", "roads")``, best first."""
    return _ballot(token, {"method": "ranking", "order": list(order)}, voters, minute)


def choice(token: str, left: str, right: str, chosen: str, minute: int | None = None) -> dict:
    """A pairwise answer: of ``left`` and ``right`` as shown, ``chosen`` matters more."""
    return _ballot(token, {"method": "pairwise", "pair": [left, right], "choice": chosen}, 1,
                   minute)


def scores(token: str, voters: int = 1, **items: dict[str, int]) -> dict:
    """A matrix-scoring ballot: ``scores("w-1", water={"harm": 5, "cost": 1})``."""
    return _ballot(token, {"method": "matrix", "scores": items}, voters, None)


def ranking_exercise(exercise_id: str, items: list[str], ballots: list[dict] = (), *,
                     status: str = "open", **extra: object) -> dict:
    """A ranking exercise."""
    return _exercise(exercise_id, "ranking", items, list(ballots), status, **extra)


def pairwise_exercise(exercise_id: str, items: list[str], ballots: list[dict] = (), *,
                      status: str = "open", **extra: object) -> dict:
    """A pairwise exercise, with each answered pair recorded as shown to its participant."""
    shown = [{"participant": b["participant"], "shown_at": b["cast_at"],
              "payload": {"pair": b["answer"]["pair"]}} for b in ballots]
    return _exercise(exercise_id, "pairwise", items, list(ballots), status, shown=shown, **extra)


def scoring_exercise(exercise_id: str, items: list[str], criteria: list[dict],
                     ballots: list[dict] = (), *, status: str = "open") -> dict:
    """A matrix-scoring exercise against ``criteria`` (``{"id", "weight", "lower_is_better"}``)."""
    return _exercise(exercise_id, "matrix", items, list(ballots), status,
                     criteria=[{"label": {"en": c["id"].title()}, **c} for c in criteria])


def written(workshop: Workshop, path: Path) -> Path:
    """``workshop`` written as a workshop file at ``path``."""
    path.write_text(dump_workshop(workshop), encoding="utf-8")
    return path
