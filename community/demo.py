"""Demo community: a few members, a topic for each theme, and questions with answers (on Good Ideas, a
webinar or two and an e-zine article) in en, fr and de (community/demo/members.json, topics.json, threads.json).

Idempotent: members by e-mail, topics by slug, threads by title and place, posts by thread, author and time.
Demo members have no usable password; set one in the admin (or reset it) to sign in as them.
"""

from datetime import UTC, datetime

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from community import markdown
from community.models import Post, Profile, Thread, Topic
from conversations.models import Item
from core.demo import by_slug, read, save
from goodideas.models import GoodIdea
from places.models import City, Theme
from webinars.models import Webinar


def at(stamp: str) -> datetime:
    return datetime.strptime(stamp, "%Y-%m-%d %H:%M").replace(tzinfo=UTC)


def load_member(item: dict, cities: dict):
    email = item["email"]
    user, created = get_user_model().objects.get_or_create(
        email=email, defaults={"username": email.split("@")[0] + "-demo"}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    save(EmailAddress, {"user": user, "email": email}, fields={"verified": True, "primary": True})
    fields = {name: item[name] for name in ("organisation", "role", "languages", "preferred_language")}
    save(Profile, {"user": user}, fields={"display_name": item["name"], "city": cities.get(item["city"]), **fields})
    return user


def load_topics() -> dict:
    themes = by_slug(Theme)
    return {
        item["slug"]: save(
            Topic,
            {"slug": item["slug"]},
            fields={"theme": themes.get(item["slug"]), "position": position},
            texts={"title": item["title"], "description": item["description"]},
        )
        for position, item in enumerate(read(__file__, "topics.json"))
    }


def demo_subject(kind: str, key: str):
    """The published Good Idea, webinar or e-zine item a demo thread is about; None if it is not loaded."""
    if kind == "idea":
        return GoodIdea.objects.filter(slug=key).first()
    if kind == "webinar":
        return Webinar.objects.published().filter(slug=key).first()
    number, slug = key.split("/")
    return Item.objects.published().filter(issue__number=int(number), slug=slug).first()


def load_thread(item: dict, members: dict, topics: dict) -> int:
    """The thread and its posts; 0 posts when what it is about is not loaded."""
    kind, key = item["place"]["kind"], item["place"]["key"]
    place = dict.fromkeys(("topic", *Thread.SUBJECTS))
    place[kind] = topics[key] if kind == "topic" else demo_subject(kind, key)
    if place[kind] is None:
        return 0
    posts = item["posts"]
    thread = save(
        Thread,
        {"title": item["title"], **place},
        fields={
            "author": members[posts[0]["author"]],
            "kind": item["kind"],
            "language": item["language"],
            "status": Thread.Status.VISIBLE,
            "created_at": at(posts[0]["at"]),
            "last_activity": at(posts[-1]["at"]),
        },
    )
    for post in posts:
        save(
            Post,
            {"thread": thread, "author": members[post["author"]], "created_at": at(post["at"])},
            fields={
                "body_markdown": post["text"],
                "body_html": markdown.render(post["text"]),
                "status": Post.Status.VISIBLE,
            },
        )
    return len(posts)


def load() -> str:
    cities = by_slug(City)
    members = {item["email"]: load_member(item, cities) for item in read(__file__, "members.json")}
    topics = load_topics()
    posts = [load_thread(item, members, topics) for item in read(__file__, "threads.json")]
    threads = sum(1 for count in posts if count)
    return f"{len(members)} members, {len(topics)} topics, {threads} threads, {sum(posts)} posts"
