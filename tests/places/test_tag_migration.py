"""places 0004 moves the tags and their links out of taggit's tables keeping their ids, and back."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.core.support import migrate

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("places", "0004_tags")]


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def test_existing_tags_keep_their_ids_names_and_links():
    old = migrate(BEFORE)
    content_type = old.get_model("contenttypes", "ContentType").objects.get(app_label="goodideas", model="goodidea")
    old_tag, old_link = old.get_model("taggit", "Tag"), old.get_model("taggit", "TaggedItem")
    housing = old_tag.objects.create(id=41, name="housing", slug="housing")
    old_tag.objects.create(id=7, name="youth", slug="youth")
    old_link.objects.create(id=90, tag=housing, content_type=content_type, object_id=12)

    new = migrate(_latest())

    tag, link = new.get_model("places", "Tag"), new.get_model("places", "TaggedItem")
    assert sorted(tag.objects.values_list("id", "name", "slug")) == [(7, "youth", "youth"), (41, "housing", "housing")]
    assert list(link.objects.values_list("id", "tag_id", "object_id")) == [(90, 41, 12)]
    assert not old_tag.objects.exists()  # one truth
    assert tag.objects.create(name="women", slug="women").pk > 41  # new tags take ids after the copied ones

    back = migrate(BEFORE)
    assert sorted(back.get_model("taggit", "Tag").objects.values_list("id", flat=True)) == [7, 41, 42]
    assert back.get_model("taggit", "TaggedItem").objects.get().tag_id == 41
    migrate(_latest())
