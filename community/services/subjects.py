"""What members ask about (a Good Idea, a webinar, a library resource …): its threads and the link to ask."""

from django.urls import reverse

from community.models import Thread
from core import written
from core.versioning import KeptPerVersion


def subject_kind(subject) -> str:
    """The Thread field that points to this kind of subject: "idea", "webinar" or "item"."""
    kinds = {"goodideas.goodidea": "idea", "webinars.webinar": "webinar", "conversations.item": "item"}
    try:
        return kinds[subject._meta.label_lower]
    except (AttributeError, KeyError) as error:
        raise TypeError(f"Members cannot ask about {subject!r}") from error


def ask_url(subject) -> str:
    """The page with the subject's questions and the form that asks one."""
    kind = subject_kind(subject)
    if kind == "idea":
        return reverse("community:idea-ask", kwargs={"slug": subject.slug})
    if kind == "webinar":
        return reverse("community:webinar-ask", kwargs={"slug": subject.slug})
    return reverse("community:item-ask", kwargs={"number": subject.issue.number, "slug": subject.slug})


def _subjects_with_threads() -> set[tuple[str, int]]:
    """(kind, id) of every subject that any thread (visible or not) is about: most have none."""
    found = set()
    kinds = Thread.SUBJECTS
    for row in Thread.objects.filter(topic__isnull=True).values_list(*(f"{kind}_id" for kind in kinds)):
        found.update((kind, pk) for kind, pk in zip(kinds, row, strict=True) if pk is not None)
    return found


subjects_with_threads = KeptPerVersion(_subjects_with_threads)


def has_threads(subject) -> bool:
    """Whether a thread may be about `subject` (known per content version, without a query)."""
    return (subject_kind(subject), subject.pk) in subjects_with_threads()


def subject_threads(subject, limit: int | None = None) -> list[Thread]:
    """The visible threads about a subject, newest first, ready for a list (the first `limit` of them).

    Their SQL is compiled once per kind of subject (core.written): the ORM took ~2 ms to build it on
    every Good Idea page with questions, its select_related() author and count of replies."""
    kind = subject_kind(subject)

    def build(pk):
        threads = Thread.objects.visible().filter(**{f"{kind}_id": pk}).for_subject_listing()
        return threads.order_by("-created_at", "-pk")[:limit]

    return written.rows(Thread, ("subject threads", kind, limit), build, pk=subject.pk)
