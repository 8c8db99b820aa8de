"""Typed, keyword-only settings; defaults live in ``defaults.toml`` beside this module."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from importlib import resources
from typing import Any, get_type_hints

from .errors import ConfigError


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    max_bytes: int
    fetch_timeout_s: float
    fetch_max_redirects: int
    user_agent: str
    allow_private: bool
    respect_robots: bool
    spacy_model: str
    batch_size: int

    @classmethod
    def load(cls, **overrides: Any) -> Settings:
        """Defaults, then ``EVENTWIRE_*`` environment variables, then keyword arguments."""
        raw = tomllib.loads(resources.files(__package__).joinpath("defaults.toml").read_text())
        known = {f.name: f for f in fields(cls)}
        for name in known:
            env = os.environ.get(f"EVENTWIRE_{name.upper()}")
            if env is not None:
                raw[name] = env
        unknown = sorted(set(overrides) - set(known))
        if unknown:
            raise ConfigError(f"unknown setting(s) {unknown}; valid settings: {sorted(known)}")
        raw.update(overrides)
        hints = get_type_hints(cls)
        values: dict[str, Any] = {}
        for name, value in raw.items():
            if name not in known:
                raise ConfigError(f"unknown setting {name!r} in defaults.toml")
            values[name] = _coerce(name, value, hints[name])
        return cls(**values)

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)


def _coerce(name: str, value: Any, kind: type) -> Any:
    if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            if kind is bool:
                if text.lower() in {"1", "true", "yes", "on"}:
                    return True
                if text.lower() in {"0", "false", "no", "off"}:
                    return False
                raise ValueError(text)
            if kind is int:
                return int(text)
            if kind is float:
                return float(text)
            return text
        except ValueError:
            pass
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    raise ConfigError(f"setting {name} must be a {kind.__name__}, got {value!r}")
