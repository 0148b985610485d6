import pytest

from core.db import analyze, tables_of
from elibrary.models import Resource
from places.models import Organisation
from tests.core.support import table_counts


def test_the_tables_of_a_model_include_its_link_tables_once():
    tables = tables_of(Resource, Organisation, Resource)
    assert tables[0] == "elibrary_resource"
    assert {"elibrary_resource_themes", "elibrary_resource_cities", Organisation._meta.db_table} <= set(tables)
    assert len(tables) == len(set(tables))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the rows migrations made come back after
def test_outside_a_transaction_the_tables_are_vacuumed_too_for_index_only_scans():
    vacuumed, analyzed = table_counts("elibrary_resource")
    analyze(Resource)
    assert table_counts("elibrary_resource") == (vacuumed + 1, analyzed + 1)
