"""The E-Library's background jobs (core.jobs)."""

from core.jobs import job
from elibrary import importer


@job(name="elibrary.import_csv")
def import_csv(run_id: int) -> None:
    """Import an uploaded CSV file (an ImportRun) in committed batches, resuming where it stopped."""
    importer.run_import(run_id)


def queue_import(run) -> None:
    """Queue the import of `run`; one job per run at a time (the lock), so two never share a run."""
    import_csv.configure(lock=f"elibrary-import-{run.pk}").defer(run_id=run.pk)
