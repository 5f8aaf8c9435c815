"""The status rule in Python: the oracle the tests hold TaskQuerySet.with_status() (the portal's only copy, in SQL)
against. The dashboard, list and report tests compute what each task's status must be with these functions."""

from datetime import date

from tasks.status import Acceptance, Progress, Status


def classify(
    progress: str | None, due: date | None, done_on: date | None, as_of: date, recurring: bool, acceptance: str = ""
) -> Status:
    """The status of a task as of `as_of` (a report's cut-off date), from its latest status-setting report.

    A done task without a date cannot be shown late, so it counts as on time (as TaskQuerySet.with_status
    does; reports must carry the date anyway). A task done after `as_of` was not yet done at that date,
    so it counts as in progress there. An unknown progress value raises ValueError, never a guess.
    "Done" waiting for the command's acceptance is not done: it waits, overdue only if finished after the
    deadline; returned, it is in progress again. A blank acceptance (nothing asked: the command's own report, or
    one from before acceptance existed) counts as written.
    """
    if recurring:
        return Status.ONGOING
    state = Progress(progress) if progress is not None else Progress.NOT_STARTED
    acceptance = Acceptance(acceptance) if acceptance else None
    if state == Progress.DONE and acceptance is Acceptance.RETURNED:
        state = Progress.IN_PROGRESS
    if state == Progress.DONE and acceptance is Acceptance.AWAITING:
        late = due is not None and done_on is not None and done_on > due
        return Status.AWAITING_OVERDUE if late else Status.AWAITING_ON_TIME
    if state == Progress.DONE:
        if done_on is None or done_on <= as_of:
            return Status.DONE_ON_TIME if due is None or done_on is None or done_on <= due else Status.DONE_LATE
        state = Progress.IN_PROGRESS
    overdue = due is not None and as_of > due
    if state == Progress.NOT_STARTED:
        return Status.NOT_STARTED_OVERDUE if overdue else Status.NOT_STARTED_ON_TIME
    # Paused work was started and is not finished: the Office counts it as in progress.
    return Status.IN_PROGRESS_OVERDUE if overdue else Status.IN_PROGRESS_ON_TIME


def is_due_soon(status: str, due: date | None, as_of: date, days: int = 30) -> bool:
    """An open task, not yet overdue, whose deadline falls within `days` days of `as_of` (both ends counted)."""
    status = Status(status)
    if due is None or status.is_done or status.is_overdue or status is Status.ONGOING:
        return False
    return 0 <= (due - as_of).days <= days
