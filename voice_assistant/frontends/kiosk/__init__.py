"""Kiosk mode for clinic waiting rooms: a large-text touch page served locally, spoken and typed turns, idle reset."""

from voice_assistant.frontends.kiosk.app import build_kiosk, run_kiosk
from voice_assistant.frontends.kiosk.check import check_kiosk
from voice_assistant.frontends.kiosk.server import KioskServer, PageOptions
from voice_assistant.frontends.kiosk.session import Kiosk

__all__ = ["Kiosk", "KioskServer", "PageOptions", "build_kiosk", "run_kiosk", "check_kiosk"]
