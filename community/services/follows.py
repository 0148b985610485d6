"""Following a thread, and the signed token of the one-click unsubscribe link."""

from django.core import signing

from community.models import Follow, Thread

UNSUBSCRIBE_SALT = "community.unsubscribe"


def follow(*, user, thread: Thread) -> None:
    Follow.objects.get_or_create(user=user, thread=thread)


def unfollow(*, user, thread: Thread) -> None:
    Follow.objects.filter(user=user, thread=thread).delete()


def unsubscribe_token(follow: Follow) -> str:
    return signing.dumps([follow.user_id, follow.thread_id], salt=UNSUBSCRIBE_SALT, compress=True)


def follow_from_token(token: str) -> tuple[int, int]:
    """(user id, thread id) from a signed unsubscribe token; BadSignature if it was tampered with."""
    user_id, thread_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    return int(user_id), int(thread_id)
