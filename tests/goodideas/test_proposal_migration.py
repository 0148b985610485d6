"""Proposals sent before proposers' details were kept apart from the idea (goodideas 0005)."""

import importlib

import pytest
from django.apps import apps

from goodideas.models import Proposal
from tests.goodideas.factories import GoodIdeaFactory

pytestmark = pytest.mark.django_db


def test_migration_moves_earlier_proposers_out_of_the_public_contact():
    migration = importlib.import_module("goodideas.migrations.0005_proposals_typed_places")
    waiting = GoodIdeaFactory(
        status="submitted",  # the status of proposals before goodideas 0007
        published_at=None,
        contact_name="Rui",
        contact_email="rui@example.org",
        contact_phone="123",
        contact_role_en="Coordinator",
    )
    published = GoodIdeaFactory(contact_name="Public Person", contact_email="info@example.org")

    migration.keep_proposers_private(apps, None)

    waiting.refresh_from_db()
    published.refresh_from_db()
    assert (waiting.contact_name, waiting.contact_email, waiting.contact_phone) == ("", "", "")
    assert not waiting.contact_role
    assert (waiting.proposal.name, waiting.proposal.email, waiting.proposal.role) == (
        "Rui",
        "rui@example.org",
        "Coordinator",
    )
    assert waiting.proposal.publish_contact is False
    assert published.contact_email == "info@example.org"  # editors' published contacts stay
    assert not Proposal.objects.filter(idea=published).exists()
