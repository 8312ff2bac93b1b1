"""The rehabilitation plan on a participant's phone: the future land use, and whether the plan
is acceptable.

One screen, two questions: the land use the site should have once rehabilitated (one large
button per option the facilitator wrote, the chosen one filled), and how acceptable the plan is,
1 to 5, as faces. A line above them says what the plan is (site, months, cost), since people
rate it while the projector shows it. The progress and the send button stay at the bottom of
the screen (``Phone.footer``); once sent, the phone has said all it will (``Phone.finish``)
and the vote page shows the confirmation, with a button to change the answers, which come back
as they were sent. Few elements: one per option, and a handful more.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from engine.core.types import SCALE, label
from engine.exercises.rehabilitation.design import RehabilitationPlan
from engine.exercises.rehabilitation.estimate import estimate
from ui.exercises import Phone
from ui.exercises.rehabilitation.texts import FACES, money, month
from ui.session import plain, t, with_pictogram

RATINGS = list(range(SCALE[0], SCALE[1] + 1))


def _answers(ctx: Phone) -> dict[str, Any]:
    """This phone's answers, seeded once from the participant's latest ballot."""
    state = ctx.state()
    if "answers" not in state:
        mine = ctx.mine()
        last = mine[-1].answer if mine else None
        state["answers"] = ({"land_use": last.land_use, "acceptability": last.acceptability}
                            if last is not None else {})
    return state["answers"]  # type: ignore[no-any-return]


def _choose(ctx: Phone, land_use: str) -> None:
    _answers(ctx)["land_use"] = land_use
    ctx.unsent()


def _rate(ctx: Phone, key: str) -> None:
    rating = st.session_state[key]
    if rating is not None:
        _answers(ctx)["acceptability"] = rating
        ctx.unsent()


def _send(ctx: Phone, answer: dict[str, Any]) -> None:
    """Send both answers; once recorded, the vote page shows the confirmation."""
    if ctx.send(answer):
        ctx.finish()


def _summary(plan: RehabilitationPlan, lang: str) -> str:
    """"🏞️ Site · Apr 2026 – Jun 2027 · 7 391 160 F CFA": what the room is rating."""
    found = estimate(plan)
    tasks = [task for _, task in plan.tasks()]
    parts = [f"🏞️ {plain(plan.site.name)}"]
    if tasks:
        parts.append(f"{month(min(t.start for t in tasks), lang)} – "
                     f"{month(max(t.end for t in tasks), lang)}")
    parts.append(plain(money(float(found.total.cost), plan.costs.currency, lang)))
    return " · ".join(parts)


def phone(ctx: Phone) -> None:
    """The two questions and the send button."""
    plan: RehabilitationPlan = ctx.design
    lang = ctx.lang
    answers = _answers(ctx)
    st.caption(_summary(plan, lang))
    st.subheader(t("rehabilitation.vote.land_use"), anchor=False)
    chosen = answers.get("land_use")
    for option in plan.land_uses:
        st.button(with_pictogram(option.pictogram, label(option.label, lang), target="phone"),
                  key=ctx.key(f"land_use|{option.id}"), width="stretch",
                  type="primary" if option.id == chosen else "secondary",
                  on_click=_choose, args=(ctx, option.id))
    st.subheader(t("rehabilitation.vote.acceptability"), anchor=False)
    key = ctx.key("acceptability")
    # Seeded once: set on every run, it would send back the server's value over a new tap.
    st.session_state.setdefault(key, answers.get("acceptability"))
    st.segmented_control(t("rehabilitation.vote.acceptability_scale"), RATINGS, key=key,
                         width="stretch", format_func=lambda r: f"{FACES[r]}{r}",
                         on_change=_rate, args=(ctx, key))
    done = sum(1 for field in ("land_use", "acceptability") if answers.get(field) is not None)
    with ctx.footer():
        st.progress(done / 2, text=t("rehabilitation.vote.progress", done=done))
        ctx.show_refusal()
        st.button(t("rehabilitation.vote.send_again" if ctx.mine() else "rehabilitation.vote.send"),
                  type="primary", width="stretch", disabled=done < 2, key=ctx.key("send"),
                  on_click=_send, args=(ctx, dict(answers)))
