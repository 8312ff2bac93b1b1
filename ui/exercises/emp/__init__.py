"""The community EMP on screen: rating cells from phones, the projector, design, results,
flipchart."""

from ui.exercises import Screens
from ui.exercises.emp.desk import design, flipchart, presenter, results
from ui.exercises.emp.phone import phone

SCREENS = Screens(kind="emp", phone=phone, presenter=presenter, design=design, results=results,
                  flipchart=flipchart)
