"""The rehabilitation plan on the projector: one screen, read from 10 m.

One HTML block (one message per refresh): the plan in one line (cost, person-days, months)
and what storing the topsoil while mining saves; then, side by side, the future land use as
bars (most votes first) and the plan's acceptability, for the whole room and for each group
shown (its pictogram, its mean rating, ✓ when more than half of it rates the plan 4 or 5, ✗
when not), so that a group's "no" is in view before sign-off. Every text is at least 28 px
(``ui/presenter.css``'s ``projected`` size and this module's style); every text people typed is
escaped.
"""

from __future__ import annotations

import html

from engine.core.records import Room
from engine.core.types import label
from engine.exercises.rehabilitation.design import RehabilitationPlan
from engine.exercises.rehabilitation.results import Acceptance, RehabilitationResult
from ui.exercises.rehabilitation.texts import land_use_name, money, month, number, share
from ui.projected import Bar, ranking_html
from ui.session import n, t

__all__ = ["STYLE", "projector_html"]

STYLE = """<style>
.rap-screen { display: flex; flex-direction: column; gap: 0.4em; font-size: max(28px, 3.4vh);
              color: #111111; }
.rap-line { font-size: max(28px, 3.4vh); line-height: 1.2; }
.rap-columns { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1.2em; }
.rap-heading { font-size: max(28px, 3.4vh); font-weight: 700; margin: 0.2em 0; }
.rap-room { font-size: max(32px, 4vh); font-weight: 700; }
.rap-chips { display: flex; flex-wrap: wrap; gap: 0.25em 0.5em; }
.rap-chip { font-size: max(28px, 3.4vh); border: 3px solid #0072B2; border-radius: 0.35em;
            padding: 0 0.3em; white-space: nowrap; }
.rap-chip.no { border-color: #D55E00; background: #FBE3D6; }
.rap-screen .ranking, .rap-screen .rank-text { font-size: max(28px, 3.4vh); }
</style>"""


def _verdict(found: Acceptance) -> str:
    """✓ (accepts), ✗ (does not) or nothing (nobody answered)."""
    return "" if found.accepts is None else "✓" if found.accepts else "✗"


def _acceptance(found: Acceptance, lang: str) -> str:
    if found.mean is None:
        return "–"
    return f"{number(found.mean, lang)}/5 {_verdict(found)}"


def projector_html(plan: RehabilitationPlan, room: Room, found: RehabilitationResult,
                   lang: str) -> str:
    """The projected view of the plan and its votes, as one HTML block."""
    totals, votes = found.totals, found.votes
    tasks = [task for _, task in plan.tasks()]
    when = (f" · {month(min(x.start for x in tasks), lang)} – {month(max(x.end for x in tasks), lang)}"
            if tasks else "")
    saving = found.whole_mine_cycle.saving
    lines = [
        f'<div class="rap-line">🏞️ <strong>{html.escape(plan.site.name)}</strong>: '
        f"{html.escape(money(totals.cost, found.currency, lang))} · "
        f"{html.escape(t('rehabilitation.presenter.person_days', days=number(totals.person_days, lang)))}"
        f"{html.escape(when)}</div>",
        f'<div class="rap-line">{html.escape(t("rehabilitation.presenter.saving", days=number(saving.person_days, lang), cost=money(saving.cost, found.currency, lang)))}</div>',
    ]
    top = max((option.votes for option in votes.land_uses), default=0)
    ranked = sorted(votes.land_uses, key=lambda option: -option.votes)
    bars = [Bar(place="✔" if option.land_use == votes.chosen else "",
                name=_pictogram(plan, option.land_use) + land_use_name(plan, option.land_use,
                                                                        lang),
                length=option.votes / top if top else 0.0,
                text=f"{option.votes} · {share(option.share, lang)}") for option in ranked]
    chips = "".join(
        f'<span class="rap-chip{"" if shown.acceptability.accepts else " no"}" '
        f'title="{html.escape(label(room.group(group).label, lang))}">'
        f"{html.escape(_group_mark(room, group, lang))} "
        f"{html.escape(_acceptance(shown.acceptability, lang))}</span>"
        for group, shown in votes.groups.items())
    hidden = (f'<div class="rap-line">{html.escape(n("rehabilitation.presenter.hidden", len(votes.hidden_groups), threshold=room.small_group_threshold))}</div>'
              if votes.hidden_groups else "")
    columns = (
        '<div class="rap-columns"><div>'
        f'<div class="rap-heading">{html.escape(t("rehabilitation.presenter.land_use"))}</div>'
        f"{ranking_html(bars)}</div><div>"
        f'<div class="rap-heading">{html.escape(t("rehabilitation.presenter.acceptability"))}</div>'
        f'<div class="rap-room">{html.escape(t("rehabilitation.presenter.room", rating=_acceptance(votes.acceptability, lang)))}</div>'
        f'<div class="rap-chips">{chips}</div>{hidden}</div></div>')
    return f'{STYLE}<div class="projected rap-screen">{"".join(lines)}{columns}</div>'


def _pictogram(plan: RehabilitationPlan, land_use: str) -> str:
    pictogram = plan.land_use(land_use).pictogram
    return f"{pictogram} " if pictogram and not pictogram.startswith(":") else ""


def _group_mark(room: Room, group: str, lang: str) -> str:
    """A group as the turnout strip shows it: its pictogram, or its name."""
    found = room.group(group)
    if found.pictogram and not found.pictogram.startswith(":"):
        return found.pictogram
    return label(found.label, lang)
