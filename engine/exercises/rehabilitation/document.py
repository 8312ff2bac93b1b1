"""The printable plan: one self-contained HTML page a CSO hands to local government.

The site, the phases and their tasks, effort and cost, the timeline, the topsoil and the Whole
Mine Cycle saving, the mitigation hierarchy, the room's land-use choice and the plan's
acceptability by group, the handover record and blank signature lines, in one language. No
file, font or script from elsewhere: the browser prints it or saves it as PDF. Every text
people typed goes through ``html.escape``.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

from engine.core import i18n
from engine.core.exercise import Exercise
from engine.core.records import Room
from engine.core.types import label
from engine.exercises.rehabilitation.design import RehabilitationPlan
from engine.exercises.rehabilitation.results import RehabilitationResult

__all__ = ["plan_document"]

STYLE = """
@page { size: A4; margin: 16mm 14mm; }
body { font-family: "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; font-size: 11pt;
       color: #111; max-width: 190mm; margin: 0 auto; line-height: 1.35; }
h1 { font-size: 20pt; margin: 0 0 2mm; }
h2 { font-size: 14pt; margin: 7mm 0 2mm; border-bottom: 1.5pt solid #111; }
h3 { font-size: 12pt; margin: 4mm 0 1mm; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 2mm; page-break-inside: auto; }
th, td { border: 0.75pt solid #777; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #eee; }
td.n, th.n { text-align: right; white-space: nowrap; }
tr.total td { font-weight: bold; }
tr { page-break-inside: avoid; }
.sub { margin: 0 0 3mm; }
.warn { border: 1.5pt solid #E69F00; padding: 2mm; background: #FFF4DC; }
.timeline td.m { text-align: center; padding: 0.5mm; }
.timeline { font-size: 9pt; }
dl { display: grid; grid-template-columns: 48mm 1fr; gap: 1mm 3mm; margin: 1mm 0; }
dt { font-weight: bold; }
dd { margin: 0; }
.signatures { display: grid; grid-template-columns: 1fr 1fr; gap: 8mm 10mm; margin-top: 4mm;
              page-break-inside: avoid; }
.signature p { margin: 0 0 1mm; }
.line { border-bottom: 0.75pt solid #111; height: 9mm; margin-bottom: 2mm; }
footer { margin-top: 8mm; font-size: 9pt; color: #444; }
"""


def plan_document(exercise: Exercise, room: Room, found: RehabilitationResult, lang: str) -> str:
    """The plan as a whole HTML page in ``lang``."""
    plan: RehabilitationPlan = exercise.design
    page = _Page(lang, found.currency)
    site = plan.site
    body = [
        f"<h1>{page.t('rehabilitation.doc.title')}</h1>",
        f'<p class="sub"><strong>{page.esc(site.name)}</strong> · '
        f"{page.esc(exercise.title_in(lang))}</p>",
        *_starting(page, found),
        *_site(page, plan),
        *_phases(page, plan, room, found),
        *_costs(page, found),
        *_timeline(page, plan, found),
        *_cycle(page, found),
        *_hierarchy(page, plan, found),
        *_room_view(page, plan, room, found),
        *_handover(page, plan),
        f"<footer>{page.t('rehabilitation.doc.footer')}</footer>",
    ]
    return (f'<!DOCTYPE html>\n<html lang="{page.esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{page.t('rehabilitation.doc.title')} · {page.esc(site.name)}</title>\n"
            f"<style>{STYLE}</style>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n")


class _Page:
    """What every part of the page needs: the language's texts and how it writes numbers."""

    def __init__(self, lang: str, currency: str) -> None:
        self.lang = lang
        self.locale = lang if lang in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE
        self.currency = currency

    def t(self, key: str, **params: object) -> str:
        """A catalogue text, escaped (its parameters too)."""
        return html.escape(i18n.t(key, self.lang, **params))

    def n(self, key: str, count: int, **params: object) -> str:
        return html.escape(i18n.n(key, count, self.lang, **params))

    @staticmethod
    def esc(text: str) -> str:
        return html.escape(text)

    def number(self, value: float) -> str:
        return format_decimal(value, "#,##0.##", locale=self.locale)

    def money(self, value: float) -> str:
        return format_currency(value, self.currency, locale=self.locale)

    def share(self, value: float) -> str:
        return format_percent(value, locale=self.locale)

    def date(self, value: object) -> str:
        return format_date(value, "medium", locale=self.locale)  # type: ignore[arg-type]

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[str]],
              numeric: Sequence[int] = (), total: bool = False, css: str = "") -> str:
        """A table of already escaped cells; ``numeric`` columns right-aligned; the last row
        bold when ``total``."""
        right, bold = ' class="n"', ' class="total"'

        def cells(tag: str, values: Sequence[str]) -> str:
            return "".join(f"<{tag}{right if i in numeric else ''}>{v}</{tag}>"
                           for i, v in enumerate(values))

        lines = [f"<tr>{cells('th', headers)}</tr>"] + [
            f"<tr{bold if total and i == len(rows) - 1 else ''}>{cells('td', values)}</tr>"
            for i, values in enumerate(rows)]
        return f'<table class="{css}">' + "".join(lines) + "</table>"


def _starting(page: _Page, found: RehabilitationResult) -> list[str]:
    if not (found.starting_costs or found.starting_rates):
        return []
    return [f'<p class="warn">{page.t("rehabilitation.doc.starting")}</p>']


def _site(page: _Page, plan: RehabilitationPlan) -> list[str]:
    site, lang = plan.site, page.lang
    facts = [("rehabilitation.col.site", page.esc(site.name)),
             ("rehabilitation.col.area", f"{page.number(site.area)} "
                                         f"{page.t(f'rehabilitation.area.{site.area_unit}')}"),
             ("rehabilitation.col.mineral", page.esc(label(site.mineral, lang))),
             ("rehabilitation.col.alluvial",
              page.t("rehabilitation.doc.yes" if site.alluvial else "rehabilitation.doc.no")),
             ("rehabilitation.col.state", page.esc(label(site.state, lang)))]
    return [f"<h2>{page.t('rehabilitation.doc.site')}</h2>", "<dl>" + "".join(
        f"<dt>{page.t(key)}</dt><dd>{value}</dd>" for key, value in facts) + "</dl>"]


def _who(room: Room, who: str, lang: str) -> str:
    """Who does a task: a group's label when ``who`` is a group's id, else as written."""
    group = next((g for g in room.groups if g.id == who), None)
    return label(group.label, lang) if group else who


def _phases(page: _Page, plan: RehabilitationPlan, room: Room, found: RehabilitationResult
            ) -> list[str]:
    lang = page.lang
    lines = {line.task: line for line in found.tasks}
    parts = [f"<h2>{page.t('rehabilitation.doc.phases')}</h2>"]
    headers = [page.t(f"rehabilitation.col.{key}") for key in (
        "task", "quantity", "method", "who", "when", "person_days", "cost")]
    for number, phase in enumerate(plan.phases, start=1):
        parts.append(f"<h3>{page.t('rehabilitation.col.phase')} {number} · "
                     f"{page.t(f'rehabilitation.phase.{phase.phase}')} · "
                     f"{page.t('rehabilitation.doc.from', date=page.date(phase.start))}</h3>")
        if not phase.tasks:
            parts.append(f"<p>{page.t('rehabilitation.doc.no_tasks')}</p>")
            continue
        rows = []
        for task in phase.tasks:
            line = lines[task.id]
            amount = f"{page.number(task.quantity)} {page.t(f'rehabilitation.unit.{task.unit}')}"
            if task.unit == "pit":
                amount += " " + page.t("rehabilitation.doc.pit_size", depth=page.number(
                    task.depth or 0), opening=page.number(task.opening or 0),
                    volume=page.number(line.work))
            if task.species:
                amount += f" · {page.esc(label(plan.species_named(task.species).label, lang))}"
            rows.append([page.esc(label(task.label, lang)), amount,
                         page.t(f"rehabilitation.method.{task.method}"),
                         page.esc(_who(room, task.who, lang)),
                         f"{page.date(task.start)} – {page.date(task.end)}",
                         page.number(line.person_days), page.money(line.cost)])
        parts.append(page.table(headers, rows, numeric=(5, 6)))
    return parts


def _costs(page: _Page, found: RehabilitationResult) -> list[str]:
    headers = [page.t(f"rehabilitation.col.{key}") for key in (
        "phase", "person_days", "equipment_days", "cost", "topsoil_m3")]
    rows = [[page.t(f"rehabilitation.phase.{line.phase}"), page.number(line.person_days),
             page.number(line.equipment_days), page.money(line.cost),
             page.number(line.topsoil_m3)] for line in found.phases]
    totals = found.totals
    rows.append([page.t("rehabilitation.total"), page.number(totals.person_days),
                 page.number(totals.equipment_days), page.money(totals.cost),
                 page.number(totals.topsoil_m3)])
    return [f"<h2>{page.t('rehabilitation.doc.costs')}</h2>",
            page.table(headers, rows, numeric=(1, 2, 3, 4), total=True)]


def _timeline(page: _Page, plan: RehabilitationPlan, found: RehabilitationResult) -> list[str]:
    if not found.months:
        return []
    months = [month.month for month in found.months]
    running = {month.month: set(month.tasks) for month in found.months}
    rows = [[page.t(f"rehabilitation.phase.{phase.phase}"), *(
        "■" if any(task.id in running[month] for task in phase.tasks) else "" for month in months)]
        for phase in plan.phases]
    rows.append([page.t("rehabilitation.col.person_days"),
                 *(page.number(round(month.person_days)) for month in found.months)])
    headers = [page.t("rehabilitation.col.phase"), *(page.esc(month[2:]) for month in months)]
    return [f"<h2>{page.t('rehabilitation.doc.timeline')}</h2>",
            page.table(headers, rows, css="timeline"),
            f"<p>{page.t('rehabilitation.timeline_note')}</p>"]


def _cycle(page: _Page, found: RehabilitationResult) -> list[str]:
    cycle = found.whole_mine_cycle
    method = i18n.t(f"rehabilitation.method.{cycle.method}", page.lang).lower()
    rows = [[page.t(f"rehabilitation.cycle.{key}"), page.number(totals.topsoil_m3),
             page.number(totals.person_days), page.money(totals.cost)]
            for key, totals in (("stored", cycle.stored), ("recovered", cycle.recovered),
                                ("saving", cycle.saving))]
    headers = ["", *(page.t(f"rehabilitation.col.{key}")
                     for key in ("topsoil_m3", "person_days", "cost"))]
    return [f"<h2>{page.t('rehabilitation.doc.cycle')}</h2>",
            "<p>" + page.t("rehabilitation.cycle_note", volume=page.number(cycle.topsoil_m3),
                           share=page.number(cycle.mixed_share),
                           method=method)
            + "</p>",
            page.table(headers, rows, numeric=(1, 2, 3), total=True)]


def _hierarchy(page: _Page, plan: RehabilitationPlan, found: RehabilitationResult) -> list[str]:
    names = {task.id: label(task.label, page.lang) for _, task in plan.tasks()}
    items = "".join(
        f"<li><strong>{page.t(f'rehabilitation.step.{step}')}</strong>: "
        + (page.esc("; ".join(names[t] for t in tasks)) or page.t("rehabilitation.none"))
        + "</li>" for step, tasks in found.hierarchy.items())
    return [f"<h2>{page.t('rehabilitation.doc.hierarchy')}</h2>", f"<ul>{items}</ul>"]


def _room_view(page: _Page, plan: RehabilitationPlan, room: Room, found: RehabilitationResult
               ) -> list[str]:
    votes, lang = found.votes, page.lang
    chosen = (page.esc(label(plan.land_use(votes.chosen).label, lang)) if votes.chosen
              else page.t("rehabilitation.no_choice"))
    options = page.table(
        [page.t("rehabilitation.col.land_use"), page.t("rehabilitation.col.votes"),
         page.t("rehabilitation.col.share")],
        [[page.esc(label(plan.land_use(o.land_use).label, lang)), str(o.votes),
          page.share(o.share)] for o in votes.land_uses], numeric=(1, 2))

    def accepted(value: bool | None) -> str:
        if value is None:
            return ""
        return page.t("rehabilitation.doc.yes" if value else "rehabilitation.doc.no")

    rows = [[page.t("rehabilitation.whole_room"), str(votes.acceptability.voters),
             page.number(votes.acceptability.mean) if votes.acceptability.mean is not None else "",
             page.share(votes.acceptability.acceptable_share)
             if votes.acceptability.acceptable_share is not None else "",
             accepted(votes.acceptability.accepts)]]
    rows += [[page.esc(label(room.group(group).label, lang)), str(shown.voters),
              page.number(shown.acceptability.mean or 0),
              page.share(shown.acceptability.acceptable_share or 0),
              accepted(shown.acceptability.accepts)] for group, shown in votes.groups.items()]
    acceptability = page.table(
        [page.t(f"rehabilitation.col.{key}") for key in ("group", "voters", "mean",
                                                          "acceptable_share", "accepts")],
        rows, numeric=(1, 2, 3))
    hidden = ("<p>" + page.n("rehabilitation.hidden_groups", room.small_group_threshold,
                             hidden=len(votes.hidden_groups)) + "</p>"
              if votes.hidden_groups else "")
    return [f"<h2>{page.t('rehabilitation.doc.room')}</h2>",
            f"<p>{page.n('rehabilitation.doc.voters', votes.voters)}</p>",
            f"<h3>{page.t('rehabilitation.chosen', land_use=chosen)}</h3>", options,
            f"<h3>{page.t('rehabilitation.acceptability')}</h3>",
            f"<p>{page.t('rehabilitation.doc.acceptable_rule')}</p>", acceptability, hidden]


def _handover(page: _Page, plan: RehabilitationPlan) -> list[str]:
    handover = plan.handover
    blank = '<span class="line" style="display:inline-block;width:70mm;height:5mm"></span>'
    facts = [("assessed_by", page.esc(handover.assessed_by) if handover.assessed_by else blank),
             ("assessed_on", page.date(handover.assessed_on) if handover.assessed_on else blank),
             ("standard", page.esc(handover.standard) if handover.standard else blank),
             ("referred_to", page.esc(handover.referred_to) if handover.referred_to else blank)]
    signatures = "".join(
        f'<div class="signature"><p><strong>{page.t(f"rehabilitation.doc.sign.{who}")}</strong>'
        f"</p><p>{page.t('rehabilitation.doc.sign_name')}</p><div class=\"line\"></div>"
        f"<p>{page.t('rehabilitation.doc.sign_signature')}</p><div class=\"line\"></div>"
        f"<p>{page.t('rehabilitation.doc.sign_date')}</p><div class=\"line\"></div></div>"
        for who in ("government", "miners", "community", "witness"))
    return [f"<h2>{page.t('rehabilitation.doc.handover')}</h2>", "<dl>" + "".join(
        f"<dt>{page.t(f'rehabilitation.col.{key}')}</dt><dd>{value}</dd>" for key, value in facts)
        + "</dl>", f'<div class="signatures">{signatures}</div>']
