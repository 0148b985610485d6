"""The portal's settings, plus the jobs of tests/deploy/jobs.py: for the worker processes test_workers.py starts."""

from citiesofmigration.settings import *  # noqa: F403

PROCRASTINATE_IMPORT_PATHS = ["tests.deploy.jobs"]
