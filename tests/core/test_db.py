from core.db import tables_of
from elibrary.models import Resource
from places.models import Organisation


def test_the_tables_of_a_model_include_its_link_tables_once():
    tables = tables_of(Resource, Organisation, Resource)
    assert tables[0] == "elibrary_resource"
    assert {"elibrary_resource_themes", "elibrary_resource_cities", Organisation._meta.db_table} <= set(tables)
    assert len(tables) == len(set(tables))
