"""Any exercise's results cut by group, gender and age on the Results page: per part of the room
(a cell), its people, what it ranks first, and how far its ranking is from the rest of the
room's. Small cells are hidden by the engine (``engine.cuts``); this module only shows them.

One table per cut: a cell per row, whatever the kind (through the registry's ``ranking``).
Tables show text as it is, so labels people typed are never read as markup.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from engine.core.errors import EngineError
from engine.core.exercise import Exercise, Ranked
from engine.core.types import label
from engine.core.workshop import Workshop
from engine.cuts import CutCell, CutResult, cell_name, cut_name, offered_cuts, results_by
from ui import session

TOP = 3  # what a cell ranks first, shown in its row


def _entry(entry: Ranked, lang: str) -> str:
    return session.with_pictogram(entry.pictogram, label(entry.label, lang), target="table")


def _row(cell: CutCell, workshop: Workshop, lang: str) -> dict[str, str]:
    """A cell as the table's row; a hidden one says so and nothing more."""
    t = session.t
    row = {t("results.cut_cell"): cell_name(cell.values, workshop.room(), lang)}
    if cell.hidden:
        return {**row, t("results.cut_people"): t("results.cut_hidden")}
    row[t("results.cut_people")] = str(cell.voters)
    if cell.ranking is None:
        return row
    row[t("results.cut_top")] = "; ".join(f"{entry.rank}. {_entry(entry, lang)}"
                                          for entry in cell.ranking[:TOP])
    divergence = cell.divergence
    if divergence is None:
        row[t("results.cut_tau")] = t("results.cut_no_comparison")
        return row
    row[t("results.cut_tau")] = ("—" if divergence.kendall_tau is None
                                 else f"{divergence.kendall_tau:+.2f}")
    names = {entry.id: _entry(entry, lang) for entry in cell.ranking}
    row[t("results.cut_differences")] = "; ".join(
        t("results.cut_gap", item=names.get(gap.id, gap.id), rank=gap.rank,
          rest_rank=gap.rest_rank) for gap in divergence.differences)
    return row


def cuts_section(workshop: Workshop, exercise: Exercise, options: dict[str, str]) -> None:
    """The cut chosen among those the room offers, as a table of its cells (computed once per
    change of the ballots, however often the page follows them: ``LiveWorkshop``)."""
    lang = session.lang()
    room = workshop.room()
    offered = offered_cuts(room, workshop.asked)
    st.subheader(session.t("results.cuts_heading"), anchor=False)
    chosen = st.segmented_control(
        session.t("results.cut"), [",".join(cut) for cut in offered], required=True,
        default=",".join(offered[0]), key=f"results_cut|{exercise.id}",
        format_func=lambda cut: cut_name(cut.split(","), lang))
    try:
        result = session.live(workshop.code).result(exercise.id, results_by, by=str(chosen),
                                                    **options)
    except EngineError as error:
        session.show_error(error)
        return
    assert isinstance(result, CutResult)
    if not result.cells:
        st.info(session.t("results.cut_empty"))
        return
    t = session.t
    # A hidden cell's row has only its name and "hidden": the rest of it is left blank.
    table = pd.DataFrame([_row(cell, workshop, lang) for cell in result.cells]).fillna("")
    st.dataframe(table, hide_index=True, width="stretch", column_config={
        t("results.cut_cell"): st.column_config.TextColumn(width="medium"),
        t("results.cut_people"): st.column_config.TextColumn(width="medium"),
        t("results.cut_top"): st.column_config.TextColumn(width="large"),
        t("results.cut_differences"): st.column_config.TextColumn(width="large")})
    if result.hidden:
        st.caption(session.n("results.cut_caption", result.hidden,
                             threshold=result.small_group_threshold))
