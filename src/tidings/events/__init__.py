"""Event coding: who did what to whom (CAMEO, PLOVER, Goldstein). See issue 3."""
from tidings.events.coder import find_events

__all__ = ["find_events"]
