import pytest


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the reference data, as `make run` does."""
    from phoihop.reference.services import refdata_load

    with django_db_blocker.unblock():
        refdata_load()
