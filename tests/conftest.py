"""Shared fixtures. Tests that read ../shared skip cleanly when it is absent (a user's clone)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLE = ROOT / "data" / "sample"


@pytest.fixture
def shared_dir() -> Path:
    """The workplace's ../shared folder, or a skip when this clone has none."""
    if not (SHARED / "data").is_dir():
        pytest.skip("../shared is absent (normal in a user's clone)")
    return SHARED


@pytest.fixture
def sample_dir() -> Path:
    """The bundled sample organisation."""
    return SAMPLE
