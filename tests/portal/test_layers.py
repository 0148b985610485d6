"""The packages stand in layers (README "Layout"): core at the bottom, then places, the features, the portal.

Read from every import in the code, function-level ones included, by scripts/import_graph.py.
"""

import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

FEATURES = ["goodideas", "elibrary", "webinars", "conversations", "community"]


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


def test_no_package_imports_another_round_a_loop(graph):
    output, _edges = graph

    assert "\n0 loops\n" in f"\n{output}"


def test_core_imports_no_package_of_the_project(graph):
    assert graph[1]["core"] == set()


def test_places_imports_core_only(graph):
    assert graph[1]["places"] <= {"core"}


@pytest.mark.parametrize("feature", FEATURES)
def test_a_feature_imports_only_what_lies_below_it(graph, feature):
    below = {"core", "places", *FEATURES[: FEATURES.index(feature)]}

    assert graph[1][feature] <= below
