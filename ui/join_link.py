"""The link and QR code participants use to join, pointing at this laptop on the hotspot."""

from __future__ import annotations

import base64
import html
import io
import ipaddress
import os
import socket
from urllib.parse import urlencode, urlsplit

import psutil
import segno
import streamlit as st

PUBLIC_URL_VARIABLE = "ASM_PUBLIC_URL"
LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1"}


def lan_addresses() -> list[str]:
    """This machine's IPv4 addresses other than loopback, private (hotspot) ranges first.

    Read from the network interfaces: nothing is sent on the network.
    """
    found = [address.address for addresses in psutil.net_if_addrs().values()
             for address in addresses if address.family == socket.AF_INET]
    usable = [a for a in found if not ipaddress.ip_address(a).is_loopback]
    return sorted(usable, key=lambda a: not ipaddress.ip_address(a).is_private)


def base_url() -> str:
    """Where phones reach the app: ``$ASM_PUBLIC_URL``, else the address this page was opened
    at, else (when the facilitator browses at localhost) the laptop's first LAN address."""
    if os.environ.get(PUBLIC_URL_VARIABLE):
        return os.environ[PUBLIC_URL_VARIABLE].rstrip("/")
    opened = urlsplit(st.context.url or "http://localhost:8501/")
    if opened.hostname not in LOOPBACK_HOSTS:
        return f"{opened.scheme}://{opened.netloc}"
    port = opened.port or st.get_option("server.port")
    addresses = lan_addresses()
    return f"http://{addresses[0] if addresses else opened.hostname}:{port}"


def join_url(code: str) -> str:
    """The participant link: the app's root with the join code (``/?w=CODE``)."""
    return f"{base_url()}/?{urlencode({'w': code})}"


@st.cache_data(show_spinner=False)
def qr_png(url: str) -> bytes:
    """A QR code of ``url`` as PNG, large and high-contrast for scanning off a projector."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=12, border=2)
    return buffer.getvalue()


def address_for_typing(url: str) -> str:
    """What someone types in a phone's browser when the QR code will not scan: the laptop's
    address without the scheme (``192.168.137.1:8501``); the join page then asks the code."""
    return urlsplit(url).netloc


@st.cache_data(show_spinner=False)
def join_html(url: str, code: str, alt: str, address_label: str) -> str:
    """The projector's way in, as one block: the QR code (an image inside the page, with
    ``alt`` text for screen readers; Streamlit's HTML sanitiser keeps a PNG, not an SVG), the
    join code, and the address to type."""
    image = "data:image/png;base64," + base64.b64encode(qr_png(url)).decode()
    return (f'<div class="join-block"><img class="join-qr" src="{image}" '
            f'alt="{html.escape(alt)}"><div class="join-code">{html.escape(code)}</div>'
            f'<div class="join-address">{html.escape(address_label)} '
            f'<strong>{html.escape(address_for_typing(url))}</strong></div></div>')
