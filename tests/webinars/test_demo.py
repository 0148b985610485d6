"""The demo webinars and conferences: loading twice changes nothing; the seeds' conferences are there."""

from webinars.models import Event, Webinar


def test_loading_the_demo_twice_changes_no_webinar_row(demo_loaded_twice):
    first, second = demo_loaded_twice
    assert first["webinars.Webinar"]
    assert first["webinars.Session"]
    assert {label: rows for label, rows in first.items() if label.startswith("webinars.")} == {
        label: rows for label, rows in second.items() if label.startswith("webinars.")
    }


def test_the_demo_has_the_seeds_conferences_and_webinars_to_register_for(demo_loaded_twice):
    kuala_lumpur = Event.objects.published().get(slug="integrating-migrants-in-cities-wuf9-kuala-lumpur-2018")
    assert kuala_lumpur.title_en == "Integrating Migrants in Cities: challenges and opportunities"
    assert kuala_lumpur.title_fr
    assert kuala_lumpur.title_de
    assert kuala_lumpur.sessions.exists()
    assert Event.objects.published().filter(slug="iom-conference-on-migrants-and-cities-geneva-2015").exists()
    assert Webinar.objects.published().upcoming().exists()  # upcoming webinars are dated from the day of loading
    archived = Webinar.objects.published().get(slug="civic-engagement-newcomers-in-city-decisions")
    assert archived.recording_url
    assert archived.speakers.exists()
    assert archived.related_resources.exists()
