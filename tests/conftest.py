"""Shared test set-up. Qt needs a platform plugin even without a screen: offscreen."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("UTQ_USER", "tester")
