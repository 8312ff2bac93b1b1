"""What only the laptop may do, and what keeps the facilitator's way in safe: who is on the
laptop, the wait after wrong PINs, and the automatic copies of every workshop.

The organiser's actions (listing the workshops on the laptop, creating, copying, importing,
restoring and deleting them) are served only to a browser on the laptop itself: one whose
connection comes from a loopback address (docs/hotspot.md says why this rather than a second
PIN). A phone or a tablet on the hotspot can open one workshop with its code and PIN.
"""

from __future__ import annotations

import datetime as dt
import time

import streamlit as st

from engine.core import access
from engine.core.backups import Autosaver, backups_for
from ui import session

LOOPBACK = "127.0.0.1"
clock = time.monotonic  # when a PIN is tried (a test sets its own)


def client_address() -> str:
    """The address this browser's connection comes from.

    Streamlit reports a loopback connection as None (and has no client at all in AppTest, where
    it hands back a stand-in object): both are the laptop itself.
    """
    address = st.context.ip_address
    return address if isinstance(address, str) and address else LOOPBACK


def on_laptop() -> bool:
    """True when this browser runs on the laptop that runs the app."""
    return access.is_loopback(client_address())


@st.cache_resource(show_spinner=False)
def _throttle() -> access.PinThrottle:
    """The wrong PINs of every device, shared by every session of the server."""
    return access.PinThrottle()


def check_pin(pin: str, pin_hash: str) -> None:
    """Let this device try ``pin``: ``AccessError`` if it must wait first (the PIN is then not
    even hashed) or if the PIN is wrong."""
    _throttle().check(client_address(), pin, pin_hash, clock())


@st.cache_resource(show_spinner=False, on_release=Autosaver.stop)
def autosaver() -> Autosaver:
    """The automatic copies of the store's workshops, made by one background thread for the
    whole server (a phone's page run never pays for them)."""
    saver = Autosaver(session.store(), backups_for(session.store()))
    saver.start()
    return saver


def local_time(moment: dt.datetime) -> str:
    """A time as the laptop's clock shows it."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")
