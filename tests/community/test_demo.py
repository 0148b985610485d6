"""The demo community loads on top of the demo Good Ideas, in three languages, and loading it twice changes nothing."""

from community.models import Profile, Thread, Topic


def test_loading_the_demo_twice_changes_no_member_topic_thread_or_post(demo_loaded_twice):
    first, second = demo_loaded_twice
    assert first["community.Thread"]
    assert first["community.Post"]
    assert first["account.EmailAddress"]
    for label in (
        "auth.User",
        "account.EmailAddress",
        "community.Profile",
        "community.Topic",
        "community.Thread",
        "community.Post",
    ):
        assert first[label] == second[label], label


def test_the_demo_community_speaks_three_languages_on_the_demo_content(demo_loaded_twice, client):
    assert set(Topic.objects.values_list("slug", flat=True)) >= {"work", "live", "learn", "connect", "plan"}
    assert set(Thread.objects.values_list("language", flat=True)) == {"en", "fr", "de"}
    assert Thread.objects.filter(idea__isnull=False).exists()
    assert Thread.objects.filter(webinar__slug="libraries-as-first-stops").exists()
    assert Thread.objects.filter(item__slug="answering-rumours-with-conversation").exists()
    item_page = client.get("/fr/conversations/3/answering-rumours-with-conversation/").content.decode()
    assert "Quelles rumeurs reviennent le plus souvent" in item_page
    webinar_page = client.get("/en/webinars/libraries-as-first-stops/").content.decode()
    assert "newcomers who never come into the library" in webinar_page
    profiles = list(Profile.objects.select_related("user"))
    assert profiles
    assert not any(profile.user.has_usable_password() for profile in profiles)
    assert "Travail et compétences" in client.get("/fr/community/").content.decode()
