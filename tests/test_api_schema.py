"""The API keeps the promises of its OpenAPI description (schemathesis, through ASGI).

Generated requests (valid and invalid) must never cause a server error, and every answer must
match the documented status codes, content types and schemas.  One check is left out: a request
valid by the schema may still be refused with a 400, because some rules cannot be written in
it (a cursor must be one the API gave out; ``since`` comes before ``until``; ``q`` needs a word).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance
from test_api_support import TOKEN, build_store

from eventwire.api import ServeSettings, create_app


def _app() -> Any:
    import atexit
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="eventwire-schema-"))  # made at import: no tmp_path
    atexit.register(shutil.rmtree, folder, True)
    build_store(folder / "t.db")
    return create_app(folder / "t.db", ServeSettings(token=TOKEN))  # writes on: 401s


schema = schemathesis.openapi.from_asgi("/openapi.json", _app())


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_conforms_to_its_openapi(case: Any) -> None:
    case.call_and_validate(excluded_checks=[positive_data_acceptance])


def test_the_description_lists_every_endpoint() -> None:
    paths = set(schema.raw_schema["paths"])
    assert {
        "/articles",
        "/articles/{article_id}",
        "/events",
        "/events/{event_id}",
        "/events/{event_id}/review",
        "/actors",
        "/dyads/{a}/{b}/timeline",
        "/export/{what}.{fmt}",
    } <= paths
    assert not any(p.startswith(("/article/", "/map", "/dyad/")) for p in paths)


pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:schemathesis.*")
