"""The health check (/healthz): open to everyone, one query, JSON, no session."""

import pytest


def test_answers_ok_without_a_login(anonymous, django_assert_num_queries):
    with django_assert_num_queries(1) as queries:  # SELECT 1: the database answers
        response = anonymous.get("/healthz")
    assert "SELECT 1" in queries.captured_queries[0]["sql"]
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok"}


def test_sets_no_cookie(anonymous):
    response = anonymous.get("/healthz")
    assert not response.cookies
    assert "Set-Cookie" not in response


@pytest.mark.parametrize("persona", ["chqs", "lanhdao", "admin"])
def test_answers_logged_in_users_too(request, persona):
    response = request.getfixturevalue(persona).get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_only_reads(anonymous, method):
    response = getattr(anonymous, method)("/healthz")
    assert response.status_code == 405
    assert response["Allow"] == "GET"
