"""factory_boy factories of the community: members (with a profile and a verified address), topics, threads, posts."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from community.markdown import render
from community.models import Post, Profile, Thread, Topic

PASSWORD = "a long password 123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"member{n}")
    email = factory.Sequence(lambda n: f"member{n}@example.org")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def profile(self, create, extracted, **kwargs):
        if create:
            Profile.objects.create(user=self, display_name=f"Member {self.username}", **kwargs)
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    title_en = factory.Sequence(lambda n: f"Topic {n}")
    title = factory.SelfAttribute("title_en")
    slug = factory.Sequence(lambda n: f"topic-{n}")
    description_en = "Talk about it."


class ThreadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thread

    topic = factory.SubFactory(TopicFactory)
    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Thread number {n}")


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    thread = factory.SubFactory(ThreadFactory)
    author = factory.SubFactory(UserFactory)
    body_markdown = "A helpful answer."
    body_html = factory.LazyAttribute(lambda post: render(post.body_markdown))


def thread_with_posts(count):
    thread = ThreadFactory()
    authors = [UserFactory() for _ in range(5)]
    for number in range(count):
        PostFactory(thread=thread, author=authors[number % 5], body_markdown=f"Post number {number}")
    return thread
