"""The packages stand in layers (README "Layout"): core at the bottom, then places, the features, the portal.

Read from every import in the code, function-level ones included, by scripts/import_graph.py.
"""

import pytest

FEATURES = ["goodideas", "elibrary", "webinars", "conversations", "community"]


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
