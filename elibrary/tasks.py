"""The E-Library's background jobs (core.jobs)."""

from core.jobs import job
from elibrary import importer, services


@job(name="elibrary.import_csv")
def import_csv(run_id: int) -> None:
    """Import an uploaded CSV file (an ImportRun) in committed batches, resuming where it stopped."""
    importer.run_import(run_id)


def queue_import(run) -> None:
    """Queue the import of `run`; one job per run at a time (the lock), so two never share a run."""
    import_csv.configure(lock=f"elibrary-import-{run.pk}").defer(run_id=run.pk)


@job(name="elibrary.extract_text")
def extract_text(resource_id: int, file_name: str) -> str:
    """Read the text of a resource's file for search (core.extract's limits); a failure is recorded on it."""
    return services.resource_extract_text(resource_id=resource_id, file_name=file_name)


def queue_extraction(resource_id: int, file_name: str) -> None:
    """Queue the reading of a resource's file; one at a time per resource (the lock)."""
    extract_text.configure(lock=f"elibrary-extract-{resource_id}").defer(resource_id=resource_id, file_name=file_name)
