"""Results: any exercise's results as its kind reads them out, cut by group, gender and age,
and the downloads."""

import io

from functools import partial

import streamlit as st

from engine.core.errors import EngineError
from engine.core.file_format import dump_workshop
from engine.excel import export_workbook
from ui import cuts_view, session
from ui.exercises import Desk, choice_text, screens

LIVE_SECONDS = 5  # while an exercise is open, how often its results follow the ballots

workshop = session.start_facilitator_page("results.page_title")
code = workshop.code
lang = session.lang()
t = session.t


@st.cache_data(max_entries=4, show_spinner=False)
def workbook_bytes(code: str, stamp: object, lang: str) -> bytes:
    """The workbook as of ``stamp``, built once however often it is downloaded."""
    buffer = io.BytesIO()
    export_workbook(session.store().load(code), buffer, lang)
    return buffer.getvalue()


st.title(t("results.heading"), anchor=False)
left, right = st.columns(2)
stamp = (session.store().revision(code), len(workshop.participants),
         sum(len(e.ballots) for e in workshop.exercises))
# Built when asked for (the click), not on every run of this page.
left.download_button(t("results.download_excel"), lambda: workbook_bytes(code, stamp, lang),
                     icon=":material/download:", file_name=f"{code}-{workshop.date}.xlsx",
                     type="primary", key="download_workbook",
                     mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
right.download_button(t("results.download_file"), lambda: dump_workshop(session.store().load(code)),
                      icon=":material/save:", file_name=f"{code}-{workshop.date}.json",
                      mime="application/json", key="download_file")
if not workshop.exercises:
    st.info(t("run.no_exercises"))
    st.stop()

ids = [e.id for e in workshop.exercises]
view: str = st.selectbox(t("presenter.exercise"), ids, key="results_exercise",
                         format_func=lambda e: workshop.exercise(e).title_in(lang))
chosen = workshop.exercise(view)
options: dict[str, str] = {option.name: str(st.segmented_control(
    t(option.label_key), list(option.choices), required=True, default=option.default,
    key=f"results|{chosen.kind}|{option.name}",
    format_func=partial(choice_text, option)))
    for option in chosen.spec.options(chosen)}


st.header(session.plain(chosen.title_in(lang)), anchor=False)  # the kind's parts come under it


@st.fragment(run_every=LIVE_SECONDS if chosen.status == "open" else None)
def results_view() -> None:
    """The chosen exercise's results; while it is open, they follow the ballots."""
    current = session.current_workshop(code)
    exercise = current.exercise(view)
    try:
        result = session.live(code).result(view, **options)
    except EngineError as error:
        session.show_error(error)
        return
    screens(exercise.kind).results(Desk(current, exercise, lang), result)
    cuts_view.cuts_section(current, exercise, options)


results_view()
if chosen.spec.has_document:
    # Built when asked for, like the workbook.
    st.download_button(t("results.download_document"),
                       lambda: chosen.spec.document(chosen, workshop.room(), lang),
                       file_name=f"{code}-{chosen.id}.html", mime="text/html",
                       key="download_document", icon=":material/print:")
