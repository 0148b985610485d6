import pytest

from tests.community.factories import PostFactory, ThreadFactory, UserFactory


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
