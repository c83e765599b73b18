"""A bounded schemathesis run against the app's own OpenAPI schema: whatever it sends, no
5xx, and every response conforms to the schema (status code, content type, body).

It runs as a disclosure officer (the role that may do most) over a home with one batch
submitted, so the generated calls reach the service layer rather than stopping at 401.
"""

from __future__ import annotations

import pytest
from tests.web.builders import make_world

from dgate.web.app import create_app

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import (  # noqa: E402
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)


@pytest.fixture(scope="module")
def fuzz_target(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, str]:
    from fastapi.testclient import TestClient
    from tests.e2e.handmade import AS_OF

    world = make_world(tmp_path_factory.mktemp("fuzz"))
    app = create_app(world.home)
    r = TestClient(app).post(
        "/api/v1/batches", headers={"Authorization": f"Bearer {world.tokens['clerk']}"},
        files={"package": ("pkg.zip", world.zip_bytes, "application/zip")},
        data={"as_of": AS_OF})
    assert r.status_code == 201
    return app, world.tokens["off1"]


@pytest.fixture(scope="module")
def api_schema(fuzz_target: tuple[object, str]):  # noqa: ANN201
    app, token = fuzz_target
    # The schema is for token holders (r27), like the API it describes.
    return schemathesis.openapi.from_asgi("/openapi.json", app,
                                          headers={"Authorization": f"Bearer {token}"})


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=8, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_api_never_errors_and_matches_its_schema(case, fuzz_target) -> None:  # noqa: ANN001
    _app, token = fuzz_target
    case.call_and_validate(
        headers={"Authorization": f"Bearer {token}"},
        checks=[not_a_server_error, status_code_conformance, content_type_conformance,
                response_schema_conformance])
