"""A prioritisation on a participant's phone: one ballot per method, light enough for a room.

The vote page draws a ballot in its fragment: a tap reruns the ballot alone, which draws few
elements (each one is a message the laptop pays for, on every phone). Answers in progress are
kept in the phone's state (``Phone.state``), seeded once from the participant's latest ballot,
so changing a vote starts from it. Long ballots go one item at a time (importance × urgency,
matrix scoring); spreading beans keeps every item in view, one compact row each, since the
beans are shared among them. After "send", the confirmation shows where the button was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from engine.core import limits
from engine.core.types import SCALE, label
from engine.exercises.prioritisation.design import Item, Prioritisation
from ui.exercises import Phone
from ui.session import n, plain, t, with_pictogram

SCALE_POINTS: list[float] = list(range(SCALE[0], SCALE[1] + 1))
SENT = "✅"  # emoji, not an icon font: the phone loads no font for it


def phone(ctx: Phone) -> None:
    """The ballot of the exercise's method, then the form to suggest an item."""
    design: Prioritisation = ctx.design
    if design.question:
        st.markdown(plain(label(design.question, ctx.lang)))
    BALLOTS[design.method](ctx)
    _propose(ctx)


def _item_text(item: Item, lang: str) -> str:
    return with_pictogram(item.pictogram, label(item.label, lang), target="phone")


def _latest(ctx: Phone) -> Any:
    """The participant's latest answer, or None."""
    mine = ctx.mine()
    return mine[-1].answer if mine else None


def _sent_or_send(ctx: Phone, answer: dict[str, Any] | None, missing: str | None = None
                  ) -> None:
    """The send button (or, once sent, the confirmation in its place, and a button to change
    the vote); ``missing`` says what is left to do while the answer is incomplete."""
    ctx.show_refusal()
    st.button(t("vote.change" if ctx.mine() else "vote.submit"), type="primary",
              width="stretch", disabled=answer is None, key="submit_vote", on_click=_send,
              args=(ctx, answer))
    if answer is None and missing:
        st.caption(missing)


def _send(ctx: Phone, answer: dict[str, Any]) -> None:
    if ctx.send(answer):
        ctx.finish()


def _changed(ctx: Phone) -> None:
    """An answer changed on the phone: it is not sent yet."""
    ctx.unsent()


# ---- beans -------------------------------------------------------------------------------------

def beans(ctx: Phone) -> None:
    """One number per item, with − and + beside it (or typed), and what is left to place: one
    element per item, so a tap costs the laptop little with a room of phones."""
    design: Prioritisation = ctx.design
    state = ctx.state()
    if "beans" not in state:
        latest = _latest(ctx)
        state["beans"] = dict(latest.beans) if latest is not None else {}
    counts: dict[str, int] = state["beans"]
    budget = design.beans
    left = budget - sum(counts.values())

    def change(item_id: str, key: str) -> None:
        counts[item_id] = st.session_state[key] or 0
        _changed(ctx)

    for item in design.items:
        key = f"beans|{ctx.exercise.id}|{item.id}"
        count = counts.get(item.id, 0)
        # Seeded once: setting it on every run would send the server's value back over a tap
        # the phone has made meanwhile, and the tap would be lost.
        st.session_state.setdefault(key, count)
        st.number_input(_item_text(item, ctx.lang), min_value=0, max_value=count + left, step=1,
                        key=key, on_change=change, args=(item.id, key))
    answer = ({"method": "tokens", "beans": {i: c for i, c in counts.items() if c}}
              if left == 0 else None)
    with ctx.footer():
        st.progress(min(1.0, (budget - left) / budget), text=t("vote.beans_left", left=left,
                                                               budget=budget))
        _sent_or_send(ctx, answer)  # the progress above says what is left


# ---- one item at a time: importance × urgency, matrix scoring ------------------------------------

Answers = dict[str, dict[str, float]]  # item → question → the answer given


def _one_at_a_time(ctx: Phone, questions: Sequence[tuple[str, str, Sequence[float]]],
                   given: Callable[[Any], Answers],
                   answer: Callable[[Answers], dict[str, Any]]) -> None:
    """Each item on its own card with its questions (``(key, text, scale)``), "previous" and
    "next", and the send button once every item is answered. ``given(latest answer)`` seeds
    the answers; ``answer(answers)`` makes the ballot."""
    design: Prioritisation = ctx.design
    state = ctx.state()
    if "answers" not in state:
        latest = _latest(ctx)
        state["answers"] = given(latest) if latest is not None else {}
        state["at"] = 0
    answers: Answers = state["answers"]
    items = design.items
    at = min(state["at"], len(items) - 1)
    item = items[at]
    done = sum(1 for i in items if len(answers.get(i.id, {})) == len(questions))
    st.caption(t("vote.item_progress", position=at + 1, total=len(items), answered=done))
    st.markdown(f"### {_item_text(item, ctx.lang)}")

    def set_score(question: str, key: str) -> None:
        value = st.session_state[key]
        if value is not None:
            answers.setdefault(item.id, {})[question] = value
            _changed(ctx)

    for question, text, scale in questions:
        key = f"{ctx.exercise.id}|{item.id}|{question}"
        st.session_state.setdefault(key, answers.get(item.id, {}).get(question))
        st.segmented_control(text, scale, key=key, width="stretch", on_change=set_score,
                             args=(question, key))

    def move(step: int) -> None:
        state["at"] = max(0, min(len(items) - 1, at + step))

    with st.container(horizontal=True, horizontal_alignment="distribute"):
        st.button(t("vote.previous"), key=f"previous|{ctx.exercise.id}", on_click=move, args=(-1,),
                  disabled=at == 0)
        st.button(t("vote.next"), key=f"next|{ctx.exercise.id}", on_click=move, args=(1,),
                  disabled=at == len(items) - 1, type="primary")
    complete = done == len(items)
    _sent_or_send(ctx, answer(answers) if complete else None,
                  n("vote.answer_every_item", len(items) - done))


def importance_urgency(ctx: Phone) -> None:
    """Importance and urgency, 1–5, one item at a time."""
    _one_at_a_time(
        ctx, [("importance", t("vote.importance"), SCALE_POINTS),
              ("urgency", t("vote.urgency"), SCALE_POINTS)],
        lambda latest: {i: {"importance": float(r.importance), "urgency": float(r.urgency)}
                        for i, r in latest.ratings.items()},
        lambda answers: {"method": "importance-urgency", "ratings": answers})
    st.caption(t("vote.scale_hint"))


def matrix(ctx: Phone) -> None:
    """Each criterion on the exercise's scale (0–5 unless the facilitator set another), one
    item at a time."""
    design: Prioritisation = ctx.design
    points = design.matrix_scale.points()
    questions = [(c.id, f"{plain(label(c.label, ctx.lang))} "
                  f"{t('vote.lower_is_better') if c.lower_is_better else ''}", points)
                 for c in design.criteria]
    _one_at_a_time(ctx, questions, lambda latest: {i: dict(s) for i, s in latest.scores.items()},
                   lambda answers: {"method": "matrix", "scores": answers})
    st.caption(t("vote.matrix_hint", minimum=f"{points[0]:g}", maximum=f"{points[-1]:g}"))


# ---- ranking -----------------------------------------------------------------------------------

def ranking(ctx: Phone) -> None:
    """Tap the items from most to least important; each tap gives the next place. Tapping is
    easier than dragging on a cheap phone, and every item stays a large button."""
    design: Prioritisation = ctx.design
    state = ctx.state()
    if "order" not in state:
        latest = _latest(ctx)
        state["order"] = list(latest.order) if latest is not None else []
    known = {item.id for item in design.items}
    order: list[str] = [i for i in state["order"] if i in known]

    def place(item_id: str) -> None:
        state["order"] = [*order, item_id]
        _changed(ctx)

    def restart() -> None:
        state["order"] = []
        _changed(ctx)

    st.caption(t("vote.ranking_hint"))
    if order:
        st.markdown("  \n".join(f"**{place}.** {_item_text(design.item(i), ctx.lang)}"
                                for place, i in enumerate(order, start=1)))
    for item in design.items:
        if item.id not in order:
            st.button(_item_text(item, ctx.lang), width="stretch",
                      key=f"rank|{ctx.exercise.id}|{item.id}", on_click=place, args=(item.id,),
                      help=t("vote.ranking_next_place", place=len(order) + 1))
    if order:
        st.button(t("vote.ranking_restart"), key=f"restart|{ctx.exercise.id}", on_click=restart)
    complete = len(order) == len(design.items)
    _sent_or_send(ctx, {"method": "ranking", "order": order} if complete else None,
                  n("vote.rank_every_item", len(design.items) - len(order)))


# ---- pairwise ----------------------------------------------------------------------------------

def pairwise(ctx: Phone) -> None:
    """One pair at a time: tap the item that matters more; the next pair follows at once. The
    two buttons look alike: neither is suggested."""
    design: Prioritisation = ctx.design
    state = ctx.state()
    shown = ctx.show_next()
    answered = len({frozenset(b.answer.pair) for b in ctx.mine()})
    if shown is None:
        st.success(t("vote.pairs_done"), icon=SENT)
        return
    pair = tuple(shown["pair"])
    st.caption(t("vote.pairs_progress", done=answered, total=design.pairs_per_person))
    st.markdown(f"### {t('vote.which_matters_more')}")
    for position, item_id in enumerate(pair):
        st.button(_item_text(design.item(item_id), ctx.lang), width="stretch",
                  key=f"pair|{ctx.exercise.id}|{position}", on_click=_choose,
                  args=(ctx, pair, item_id))
    ctx.show_refusal()
    if state.get("last"):
        st.caption(t("vote.pair_recorded", item=_item_text(design.item(state["last"]), ctx.lang)))


def _choose(ctx: Phone, pair: tuple[str, ...], item_id: str) -> None:
    """Send the choice between the pair shown; the ballot then draws the next pair."""
    if ctx.send({"method": "pairwise", "pair": list(pair), "choice": item_id}):
        ctx.state()["last"] = item_id


BALLOTS: dict[str, Callable[[Phone], None]] = {
    "tokens": beans, "importance-urgency": importance_urgency, "ranking": ranking,
    "pairwise": pairwise, "matrix": matrix,
}


# ---- proposals ---------------------------------------------------------------------------------

def _propose(ctx: Phone) -> None:
    """Suggest an item for the facilitator to approve."""
    if not ctx.revealed("propose", t("vote.propose_heading")):
        return
    with st.form(f"propose|{ctx.exercise.id}", clear_on_submit=True, enter_to_submit=False):
        proposal = st.text_input(t("vote.propose_label"), max_chars=limits.LABEL_CHARS,
                                 key="proposal")
        if st.form_submit_button(t("vote.propose_send"), key="propose_submit") \
                and ctx.propose({"text": proposal}):
            st.success(t("vote.proposal_sent"), icon=SENT)
        ctx.show_refusal()
