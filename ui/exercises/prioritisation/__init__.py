"""A prioritisation on screen: the phone's ballots, the projector, set-up, results, flipchart."""

from ui.exercises import Screens
from ui.exercises.prioritisation.desk import design, flipchart, new_design, presenter, results
from ui.exercises.prioritisation.phone import phone

SCREENS = Screens(kind="prioritisation", phone=phone, presenter=presenter, design=design,
                  results=results, flipchart=flipchart, new_design=new_design)
