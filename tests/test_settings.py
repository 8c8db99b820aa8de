from __future__ import annotations

import pytest

from eventwire.errors import ConfigError
from eventwire.settings import Settings


def test_defaults_env_and_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings.load().max_bytes >= 50 * 1024 * 1024  # 50 MB pages must fit
    monkeypatch.setenv("EVENTWIRE_BATCH_SIZE", "7")
    monkeypatch.setenv("EVENTWIRE_ALLOW_PRIVATE", "yes")
    loaded = Settings.load(fetch_timeout_s=3)
    assert (loaded.batch_size, loaded.allow_private, loaded.fetch_timeout_s) == (7, True, 3.0)


def test_unknown_and_bad_settings_say_what_is_valid(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ConfigError, match="valid settings"):
        Settings.load(colour="red")
    monkeypatch.setenv("EVENTWIRE_MAX_BYTES", "lots")
    with pytest.raises(ConfigError, match="max_bytes must be a int"):
        Settings.load()
