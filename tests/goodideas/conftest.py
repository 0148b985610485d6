import pytest


@pytest.fixture(autouse=True)
def _no_facet_cache(settings):
    """Count facets afresh on every request (test_facet_cache.py tests the cache itself)."""
    settings.GOODIDEAS_FACETS_CACHE_SECONDS = 0
