"""The candidate tabs, in display order. A new tab adds its class here, nothing else."""

from __future__ import annotations

from ui.detail.base import DetailTab
from ui.detail.overview import OverviewTab

TABS: tuple[type[DetailTab], ...] = (OverviewTab,)
