"""Shared fixtures.  Data in ../shared is used by path, never copied into the project."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared; skips the test when it is absent (fails under CI=true)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        reason = f"{path} is absent: the shared data folder must sit beside the repository"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return path


SEED = "seed/000_31e8fa064f4355c3.txt"
