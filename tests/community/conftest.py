import pytest

from tests.community.factories import PostFactory, ThreadFactory, UserFactory
from tests.conversations.factories import IssueFactory, ItemFactory
from tests.goodideas.factories import GoodIdeaFactory
from tests.webinars.factories import WebinarFactory


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


# From test_email.py
@pytest.fixture
def email_idea():
    return GoodIdeaFactory(
        title_en="Library settlement workers",
        title_fr="Agents d’établissement en bibliothèque",
        contact_name="Dana",
        contact_email="dana@library.example",
    )


# From test_proxy.py
@pytest.fixture
def behind_one_proxy(settings):
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXY_HOPS = 1


# From test_return_after_sign_up.py
@pytest.fixture
def return_after_sign_up_idea():
    return GoodIdeaFactory(slug="library-settlement-workers")


SUBJECTS = ["webinar", "item"]  # what a thread can be about, besides a Good Idea


# From test_subjects.py
@pytest.fixture
def webinar():
    return WebinarFactory(title_en="Libraries as first stops", title_fr="Les bibliothèques, premières escales")


@pytest.fixture
def item():
    return ItemFactory(
        issue=IssueFactory(number=12),
        slug="answering-rumours",
        title_en="Answering rumours with conversation",
        title="Answering rumours with conversation",
        title_de="Gerüchten mit Gesprächen begegnen",
    )


@pytest.fixture(params=SUBJECTS)
def subject(request):
    return request.getfixturevalue(request.param)
