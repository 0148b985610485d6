import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.goodideas.factories import GoodIdeaFactory


# From test_database_outage.py
@pytest.fixture
def visitor():
    return Client(raise_request_exception=False)  # as a browser sees it, not the test's own exception


# From test_layers.py
@pytest.fixture(scope="module")
def graph():
    script = Path(settings.BASE_DIR) / "scripts" / "import_graph.py"
    output = subprocess.run(
        [sys.executable, str(script), str(settings.BASE_DIR)], capture_output=True, text=True, check=True
    ).stdout
    edges = {}
    for line in output.splitlines():
        if " -> " in line and not line.startswith(" "):
            package, imported = line.split(" -> ")
            edges[package] = set() if imported == "-" else set(imported.split(", "))
    return output, edges


# From test_sitesearch.py
@pytest.fixture
def ideas():
    return {
        "library": GoodIdeaFactory(
            title_en="Integration advice in the public library",
            title_fr="Des conseils d'intégration à la bibliothèque publique",
            title_de="Integrationsberatung in der öffentlichen Bibliothek",
            teaser_en="Advisers who speak many languages meet newcomers in the library.",
            teaser_fr="Des conseillers polyglottes reçoivent les nouveaux arrivants à la bibliothèque.",
            teaser_de="Mehrsprachige Beraterinnen empfangen Neuankömmlinge in der Bibliothek.",
        ),
        "museum": GoodIdeaFactory(
            title_en="Museums welcome refugees",
            teaser_en="Refugees trained as guides lead tours in Arabic.",
        ),
        "jobs": GoodIdeaFactory(
            title_en="A thousand jobs",
            teaser_en="An employer hires refugees across the country; the library is not involved.",
        ),
    }


# From test_http_cache.py
@pytest.fixture
def public_idea(db):
    from tests.goodideas.factories import idea_with

    return idea_with(title_en="Museums welcome refugees", slug="museums-welcome-refugees")


@pytest.fixture
def signed_in_member(client, db):
    from tests.community.factories import UserFactory

    member = UserFactory()
    client.force_login(member)
    return member
