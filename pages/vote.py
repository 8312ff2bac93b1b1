"""The phone ballot: the open exercise, the participant's inputs, submit, and change the vote."""

import streamlit as st

from engine.errors import EngineError
from engine.model import label
from engine.network import LAYERS, SIGNS
from engine.prioritise import latest_ballots
from ui import ballots, session
from ui.incentive_scoring import incentive_scoring
from ui.interaction_rating import interaction_rating

session.start_participant_page("vote.page_title")

joined = session.current_participant()
if joined is None:
    st.warning(session.t("vote.not_joined"), icon=":material/qr_code_2:")
    st.page_link(session.JOIN_PAGE, label=session.t("vote.go_join"), icon=":material/login:")
    st.stop()
code, me = joined
workshop = session.current_workshop(code)
lang = session.lang()
group = workshop.group(me.group)

session.language_picker(st)
st.caption(f"{session.plain(workshop.title)} · "
           f"{session.with_pictogram(group.pictogram, label(group.label, lang))}")

open_exercises = [e for e in workshop.exercises if e.status == "open"]


@st.fragment
def influence_form() -> None:
    """Net-Map's influence towers from a phone: 0 (none) to 5 for each actor of the map."""
    mine = {actor: score for vote in workshop.influence_votes if vote.participant == me.token
            for actor, score in vote.scores.items()}
    st.caption(session.t("vote.influence_hint"))
    scores = {}
    for actor in workshop.network.actors:
        scores[actor.id] = st.segmented_control(
            session.plain(label(actor.label, lang)), list(range(6)), key=f"influence|{actor.id}",
            default=mine.get(actor.id), width="stretch")
    rated = {actor: score for actor, score in scores.items() if score is not None}
    if st.button(session.t("vote.influence_send"), type="primary", width="stretch",
                 disabled=not rated, key="influence_submit"):
        try:
            session.store().cast_influence(code, me.token, rated, session.now())
        except EngineError as error:
            session.show_error(error)
        else:
            st.success(session.t("vote.influence_thanks"), icon=":material/check_circle:")


def propose_to_map() -> None:
    """Suggest an actor, or a link between two actors, for the facilitator to approve."""
    actors = {a.id: label(a.label, lang) for a in workshop.network.actors}
    with st.form("propose_actor", clear_on_submit=True, border=False):
        name = st.text_input(session.t("vote.propose_actor"), max_chars=80, key="proposed_actor")
        actor_sent = st.form_submit_button(session.t("vote.propose_send"), key="propose_actor_submit")
    with st.form("propose_link", clear_on_submit=True, border=False):
        st.markdown(f"**{session.t('vote.propose_link')}**")
        source = st.selectbox(session.t("network.source"), list(actors), format_func=actors.get,
                              key="proposed_source")
        target = st.selectbox(session.t("network.target"), list(actors), format_func=actors.get,
                              key="proposed_target")
        layer = st.selectbox(session.t("network.layer"), LAYERS, key="proposed_layer",
                             format_func=lambda item: session.t(f"network.layer.{item}"))
        sign = st.selectbox(session.t("network.sign"), SIGNS, key="proposed_sign",
                            format_func=lambda item: session.t(f"network.sign.{item}"))
        link_sent = st.form_submit_button(session.t("vote.propose_send"), key="propose_link_submit")
    if not (actor_sent or link_sent):
        return
    link = {"source": source, "target": target, "layer": layer,
            **({"sign": sign} if layer == "relationship" else {})}
    try:
        session.store().propose_to_network(code, me.token, session.now(), lang=lang,
                                           **({"actor_label": name} if actor_sent else {"link": link}))
    except EngineError as error:
        session.show_error(error)
    else:
        st.success(session.t("vote.proposal_sent"))


def map_section() -> None:
    """The stakeholder map from a phone: rate influence, propose actors and links."""
    influence_form()
    propose_to_map()


# The workshop-wide activities open to phones, beside the exercises: each in its own section,
# the first one open when no exercise is.
activities = [
    (workshop.network is not None and workshop.network_open, "vote.influence_heading",
     ":material/hub:", map_section),
    (workshop.lim is not None and workshop.lim.open, "vote.lim_heading", ":material/balance:",
     lambda: incentive_scoring(workshop, code, me, lang)),
    (workshop.emp is not None and workshop.emp.open, "vote.emp_heading", ":material/forest:",
     lambda: interaction_rating(workshop, code, me, lang)),
]
open_activities = [(heading, icon, draw) for is_open, heading, icon, draw in activities if is_open]
for position, (heading, icon, draw) in enumerate(open_activities):
    with st.expander(session.t(heading), icon=icon,
                     expanded=not open_exercises and position == 0):
        draw()

if not open_exercises:
    if not open_activities:
        st.info(session.t("vote.waiting"), icon=":material/hourglass_top:")

    @st.fragment(run_every=5)
    def wait_for_an_open_exercise(revision: int) -> None:
        """A tiny poll (one indexed query): reload the page once the facilitator opens something."""
        if session.store().stamp(code)[0] != revision:
            st.rerun(scope="app")

    wait_for_an_open_exercise(session.store().stamp(code)[0])
    st.stop()

if len(open_exercises) > 1:
    chosen = st.segmented_control(
        session.t("vote.choose_exercise"), [e.id for e in open_exercises], required=True,
        default=open_exercises[0].id,
        format_func=lambda e: label(workshop.exercise(e).title, lang), key="chosen_exercise")
    exercise = workshop.exercise(chosen)
else:
    exercise = open_exercises[0]

st.header(session.plain(label(exercise.title, lang)), anchor=False)
if exercise.question:
    st.markdown(f"**{session.plain(label(exercise.question, lang))}**")


def send(answer: dict) -> bool:
    """Record the answer; show the engine's message if it is refused."""
    try:
        session.store().cast(code, exercise.id, me.token, answer, session.now())
    except EngineError as error:
        session.show_error(error)
        return False
    return True


@st.fragment
def ballot_form() -> None:
    """The inputs and the send button. A fragment: a tap on "+" reruns only this part, which
    keeps the laptop's work per tap small when the whole room is voting."""
    mine = next((b for b in latest_ballots(exercise) if b.participant == me.token), None)
    if mine is not None:
        st.success(session.t("vote.already_voted"), icon=":material/check_circle:")
    ballots.prefill("vote", exercise, mine)
    answer = INPUTS[exercise.method](exercise)
    label_key = "vote.change" if mine else "vote.submit"
    if st.button(session.t(label_key), type="primary", width="stretch", disabled=answer is None,
                 icon=":material/send:", key="submit_vote"):
        if send(answer):
            st.toast(session.t("vote.thanks"), icon=":material/check_circle:")
            st.rerun(scope="app")
    if answer is None:
        st.caption(session.t("vote.incomplete"))


@st.fragment
def pairwise_form() -> None:
    """One pair at a time: tap the item that matters more; the next pair follows."""
    pair = session.store().offer_pair(code, exercise.id, me.token, session.now())
    answered = sum(1 for b in latest_ballots(exercise) if b.participant == me.token)
    if pair is None:
        st.success(session.t("vote.pairs_done"), icon=":material/check_circle:")
        return
    st.progress(min(1.0, answered / exercise.pairs_per_person),
                text=session.t("vote.pairs_progress", done=answered,
                               total=exercise.pairs_per_person))
    st.subheader(session.t("vote.which_matters_more"), anchor=False)
    choice = ballots.pair_buttons(exercise, pair, lang)
    if choice is not None and send({"method": "pairwise", "pair": pair, "choice": choice}):
        st.rerun(scope="app")


INPUTS = {
    "tokens": lambda e: ballots.bean_steppers("vote", e, e.beans, lang),
    "importance-urgency": lambda e: ballots.importance_urgency_ratings("vote", e, lang),
    "ranking": lambda e: ballots.ranking_taps("vote", e, lang),
    "matrix": lambda e: ballots.matrix_scores("vote", e, lang),
}

if exercise.method == "pairwise":
    pairwise_form()
else:
    ballot_form()

with st.expander(session.t("vote.propose_heading"), icon=":material/add_comment:"):
    with st.form("propose", clear_on_submit=True, border=False):
        proposal = st.text_input(session.t("vote.propose_label"), max_chars=120, key="proposal")
        if st.form_submit_button(session.t("vote.propose_send"), key="propose_submit"):
            try:
                session.store().propose_item(code, exercise.id, me.token, proposal, lang)
            except EngineError as error:
                session.show_error(error)
            else:
                st.success(session.t("vote.proposal_sent"))
