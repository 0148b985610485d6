"""What editors do from the admin: approve posts held for approval, hide or show posts and threads."""

from community.models import Post, Report, Thread
from community.services.notifications import notify_new_thread, notify_reply
from core import versioning


def posts_approve(posts) -> int:
    """Make posts visible (and their threads, if they waited too); tell followers of the replies."""
    count = 0
    for post in posts.select_related("thread"):
        was_pending = post.status == Post.Status.PENDING
        post.status = Post.Status.VISIBLE
        post.save(update_fields=["status"])
        thread = post.thread
        if thread.status == Thread.Status.PENDING:
            thread.status = Thread.Status.VISIBLE
            thread.save(update_fields=["status"])
            if was_pending and thread.posts.order_by("created_at", "pk").first() == post:
                notify_new_thread(thread, post)
                count += 1
                continue
        if was_pending:
            Thread.objects.filter(pk=thread.pk, last_activity__lt=post.created_at).update(last_activity=post.created_at)
            notify_reply(post)
        count += 1
    return count


def posts_set_status(posts, status: str) -> int:
    changed = posts.update(status=status)
    versioning.bump()  # a bulk write sends no signals; public pages show posts
    if status in {Post.Status.VISIBLE, Post.Status.HIDDEN}:
        Report.objects.filter(post__in=posts).update(resolved=True)
    return changed


def threads_set_status(threads, status: str) -> int:
    changed = threads.update(status=status)
    versioning.bump()  # a bulk write sends no signals; public pages show threads
    return changed
