"""The rehabilitation plan on the projector: one screen, read from 10 m.

One HTML block (one message per refresh): the plan's cost and person-days, and what keeping the
topsoil apart while mining saves; the future land use, one line per option (most votes first, a
bar and the count); the plan's acceptability for the whole room and for each group shown (its
pictogram, its mean rating, ✓ when more than half of it rates the plan 4 or 5, ✗ when not), so
that a group's "no" is in view before sign-off, and how many small groups count only in the
whole room. Every text is at least 28 px
(``ui/presenter.css``'s ``projected`` size and this module's style); every text people typed is
escaped.
"""

from __future__ import annotations

import html

from engine.core.records import Room
from engine.core.types import label
from engine.exercises.rehabilitation.design import RehabilitationPlan
from engine.exercises.rehabilitation.results import Acceptance, RehabilitationResult
from ui.exercises.rehabilitation.texts import land_use_name, money, number, share
from ui.session import n, t

__all__ = ["STYLE", "projector_html"]

STYLE = """<style>
.rap-screen { display: flex; flex-direction: column; gap: 0.25em; color: #111111;
              font-size: max(28px, 3.4vh); line-height: 1.2; }
.rap-heading { font-weight: 700; margin-top: 0.3em; }
.rap-bar-row { display: grid; grid-template-columns: 1.1em minmax(0, 1fr) 22% 6.3em;
               align-items: center; column-gap: 0.35em; }
.rap-bar-name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.rap-bar { height: 0.7em; background: #0072B2; min-width: 0.15em; }
.rap-chips { display: flex; flex-wrap: wrap; gap: 0.25em 0.5em; }
.rap-chip { border: 3px solid #0072B2; border-radius: 0.35em; padding: 0 0.3em;
            white-space: nowrap; }
.rap-chip.no { border-color: #D55E00; background: #FBE3D6; }
.rap-chip.small { border-color: #BBBBBB; }
</style>"""


def _verdict(found: Acceptance) -> str:
    """✓ (accepts), ✗ (does not) or nothing (nobody answered)."""
    return "" if found.accepts is None else "✓" if found.accepts else "✗"


def _acceptance(found: Acceptance, lang: str) -> str:
    if found.mean is None:
        return "–"
    return f"{number(found.mean, lang)}/5 {_verdict(found)}"


def _div(css: str, text: str) -> str:
    """A block of ``css`` class holding ``text`` escaped."""
    return f'<div class="{css}">{html.escape(text)}</div>'


def projector_html(plan: RehabilitationPlan, room: Room, found: RehabilitationResult,
                   lang: str) -> str:
    """The projected view of the plan and its votes, as one HTML block: two lines of plan,
    one line per land use, then acceptability as one chip per group shown."""
    totals, votes, currency = found.totals, found.votes, found.currency
    plan_line = (f"💰 {money(totals.cost, currency, lang)} · "
                 + t("rehabilitation.presenter.person_days",
                     days=number(round(totals.person_days), lang)))
    saving = found.whole_mine_cycle.saving
    top = max((option.votes for option in votes.land_uses), default=0)
    bars = "".join(
        '<div class="rap-bar-row">'
        + _span("", "✔" if option.land_use == votes.chosen else "")
        + _span("rap-bar-name", _pictogram(plan, option.land_use)
                + land_use_name(plan, option.land_use, lang))
        + f'<span><span class="rap-bar" style="display:block;width:'
          f'{100 * option.votes / top if top else 0:.1f}%"></span></span>'
        + _span("", f"{option.votes} · {share(option.share, lang)}") + "</div>"
        for option in sorted(votes.land_uses, key=lambda option: -option.votes))
    chips = "".join(
        f'<span class="rap-chip{"" if shown.acceptability.accepts else " no"}" '
        f'title="{html.escape(label(room.group(group).label, lang))}">'
        + html.escape(f"{_group_mark(room, group, lang)} "
                      f"{_acceptance(shown.acceptability, lang)}") + "</span>"
        for group, shown in votes.groups.items())
    hidden = (_span("rap-chip small", n("rehabilitation.presenter.hidden",
                                        len(votes.hidden_groups)))
              if votes.hidden_groups else "")
    return (f'{STYLE}<div class="projected rap-screen">'
            + _div("", plan_line)
            + _div("", t("rehabilitation.presenter.saving",
                         days=number(round(saving.person_days), lang),
                         cost=money(saving.cost, currency, lang)))
            + _div("rap-heading", t("rehabilitation.presenter.land_use")) + bars
            + _div("rap-heading", t("rehabilitation.presenter.acceptability",
                                    rating=_acceptance(votes.acceptability, lang)))
            + f'<div class="rap-chips">{chips}{hidden}</div></div>')


def _span(css: str, text: str) -> str:
    return f'<span class="{css}">{html.escape(text)}</span>'


def _pictogram(plan: RehabilitationPlan, land_use: str) -> str:
    pictogram = plan.land_use(land_use).pictogram
    return f"{pictogram} " if pictogram and not pictogram.startswith(":") else ""


def _group_mark(room: Room, group: str, lang: str) -> str:
    """A group as the turnout strip shows it: its pictogram, or its name."""
    found = room.group(group)
    if found.pictogram and not found.pictogram.startswith(":"):
        return found.pictogram
    return label(found.label, lang)
