from __future__ import annotations

import eventwire


def test_all_names_resolve() -> None:
    for name in eventwire.__all__:
        assert getattr(eventwire, name) is not None


def test_read_and_extract_signatures() -> None:
    docs = list(eventwire.read([]))
    assert docs == []
    assert callable(eventwire.extract) and callable(eventwire.process)
