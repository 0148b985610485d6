import factory
import pytest
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


@pytest.fixture
def member(db):
    return UserFactory()


@pytest.fixture
def other_member(db):
    return UserFactory()


@pytest.fixture
def thread(db):
    thread = ThreadFactory()
    PostFactory(thread=thread, author=thread.author, body_markdown="The **first** question.")
    return thread


@pytest.fixture
def no_premoderation(settings):
    settings.COMMUNITY_PREMODERATE_FIRST_POSTS = 0
