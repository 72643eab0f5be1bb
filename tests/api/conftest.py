"""Fixtures for the API tests: Bearer tokens made the way `phoihop token create` makes them."""

import pytest

from phoihop.accounts.services import token_create


@pytest.fixture
def bearer(db):
    """bearer(user) → the headers that authenticate `user` with a fresh token ({} for None,
    the anonymous persona)."""

    def make(user) -> dict:
        if user is None:
            return {}
        _, raw = token_create(user=user, name="pytest")
        return {"Authorization": f"Bearer {raw}"}

    return make
