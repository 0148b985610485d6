"""The generators of bench/scale.sh build the large collection (they write with COPY, past the models)."""

import subprocess
import sys

import pytest

from elibrary.models import Resource
from goodideas.models import GoodIdea
from tests.deploy.servers import ROOT, database_of_the_tests, portal_environment
from tests.places.factories import CityFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def generate(script: str, *arguments: str) -> str:
    done = subprocess.run(
        [sys.executable, f"bench/{script}", *arguments],
        cwd=ROOT,
        env=portal_environment(DATABASE_URL=database_of_the_tests()),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_the_library_generator_writes_resources_the_library_lists_and_finds(client):
    CityFactory.create_batch(3)  # the generator links to the demo's themes (made by a migration) and cities
    generate("generate_library.py", "--resources", "30")
    generated = Resource.objects.filter(slug__startswith="bench-")
    assert generated.count() == 30
    assert set(generated.values_list("extraction", flat=True)) <= {"", "done"}
    published = generated.published().first()
    assert client.get(published.get_absolute_url()).status_code == 200
    assert client.get("/en/library/", {"q": published.title_en.split()[0]}).status_code == 200


def test_the_ideas_generator_writes_ideas_the_list_shows(client):
    CityFactory()
    generate("generate_ideas.py", "--ideas", "30", "--cities", "5")
    assert GoodIdea.objects.published().count() >= 25
    assert client.get("/en/ideas/").status_code == 200
