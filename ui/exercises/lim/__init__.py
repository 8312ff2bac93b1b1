"""The LIM on screen: scoring from phones, the projector, design, results, flipchart."""

from ui.exercises import Screens
from ui.exercises.lim.desk import design, flipchart, presenter, results
from ui.exercises.lim.phone import phone

SCREENS = Screens(kind="lim", phone=phone, presenter=presenter, design=design, results=results,
                  flipchart=flipchart)
