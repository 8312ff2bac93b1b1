"""Driving the app with Streamlit's AppTest: start it, join as a participant, sign in as
facilitator."""

import re
from pathlib import Path

from pydantic import BaseModel
from streamlit.testing.v1 import AppTest

from engine.core.store import Store
from ui import profile_step, session

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
CODE = "KAHUZ"  # the English sample workshop: its `actions` exercise is open (10 beans)
PIN = "507938"  # the samples' PIN (sample_workshops/build_samples.py)


def start(**query: str) -> AppTest:
    """The app as a browser opening ``/?key=value…`` would see it."""
    app = AppTest.from_file(APP, default_timeout=30)
    for key, value in query.items():
        app.query_params[key] = value
    return app.run()


MARKDOWN_ESCAPE = re.compile(r"\\(.)")


def texts(app: AppTest, kind: str) -> list[str]:
    """The text of every element of one kind (``"error"``, ``"success"``, ``"markdown"``…), as
    a reader sees it: without the backslashes that keep typed text from becoming Markdown."""
    return [MARKDOWN_ESCAPE.sub(r"\1", element.value) for element in getattr(app, kind)]


def join(group: str = "youth", code: str = CODE, **answers: str) -> AppTest:
    """A phone that scanned the QR code, picked ``group``, gave the profile ``answers``
    (``gender="woman"``) and skipped the rest: now on the vote page."""
    app = start(w=code)
    app.button(key=f"group_{group}").click().run()
    for attribute_id, value_id in answers.items():
        app.button(key=profile_step.widget_key(attribute_id, value_id)).click().run()
    if any(button.key == "profile_skip" for button in app.button):
        app.button(key="profile_skip").click().run()
    return app


def place_beans(app: AppTest, beans: dict[str, int], exercise: str = "actions") -> AppTest:
    """Put ``beans`` on each item, as "+" taps or typing would."""
    for item, count in beans.items():
        app.number_input(key=f"beans|{exercise}|{item}").set_value(count).run()
    return app


def sign_in(pin: str = PIN, code: str = CODE) -> AppTest:
    """The facilitator page with ``code`` chosen and ``pin`` typed and submitted."""
    app = start()
    app.switch_page("pages/facilitator.py").run()
    app.selectbox[0].set_value(code)
    app.text_input(key="sign_in_pin").input(pin)
    return app.button(key="sign_in_submit").click().run()


def store() -> Store:
    """The store the app under test uses (the test's private file, with the samples in it)."""
    return session.store()




def open_only(exercise_id: str, code: str = CODE) -> None:
    """Open one exercise and close the others, as a facilitator would."""
    for exercise in store().load(code).exercises:
        store().set_status(code, exercise.id, "open" if exercise.id == exercise_id else "closed")


def add_exercise(kind: str, exercise_id: str, design: BaseModel, is_open: bool = True,
                 code: str = CODE) -> None:
    """A new exercise of ``kind`` in the workshop, the only one open (if ``is_open``)."""
    store().add_exercise(code, kind, exercise_id, None, design)
    if is_open:
        open_only(exercise_id, code)


def token_of(app: AppTest) -> str:
    """The participant a phone joined as."""
    return app.query_params["p"]


def answers_of(token: str, exercise_id: str, code: str = CODE) -> list:
    """The answers a participant sent to an exercise, oldest first."""
    return [ballot.answer for ballot in store().load(code).exercise(exercise_id).ballots
            if ballot.participant == token]
