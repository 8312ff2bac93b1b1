"""The rehabilitation action plan on screen: the phone's vote, the projector, the set-up, the
results and the flipchart."""

from ui.exercises import Screens
from ui.exercises.rehabilitation.desk import design, flipchart, presenter, results
from ui.exercises.rehabilitation.phone import phone

SCREENS = Screens(kind="rehabilitation", phone=phone, presenter=presenter, design=design,
                  results=results, flipchart=flipchart)
