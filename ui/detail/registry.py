"""The candidate tabs, in display order. A new tab adds its class here, nothing else."""

from __future__ import annotations

from ui.detail.assessment.tab import AssessmentTab
from ui.detail.base import DetailTab
from ui.detail.certificates.tab import CertificatesTab
from ui.detail.exemption.tab import ExemptionTab
from ui.detail.intake_tab import IntakeTab
from ui.detail.overview import OverviewTab
from ui.detail.portfolio.tab import PortfolioTab
from ui.detail.route.tab import RouteTab

TABS: tuple[type[DetailTab], ...] = (
    OverviewTab,
    IntakeTab,
    RouteTab,
    PortfolioTab,
    AssessmentTab,
    CertificatesTab,
    ExemptionTab,
)
