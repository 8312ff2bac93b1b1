"""The link and QR code participants use to join, pointing at this laptop on the hotspot."""

from __future__ import annotations

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
