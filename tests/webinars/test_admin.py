import pytest
from django.core import mail
from django.urls import reverse

from tests.webinars.factories import EventFactory, RegistrationFactory, WebinarFactory
from webinars.models import Registration

pytestmark = pytest.mark.django_db


def test_editor_sees_webinar_with_inlines(client, editor, registrants):
    client.force_login(editor)
    response = client.get(reverse("admin:webinars_webinar_change", args=[registrants.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "u0@example.org" in content  # registrations listed on the webinar
    assert "webinar_speakers-TOTAL_FORMS" in content
    assert '<option value="Europe/Berlin" selected>' in content  # the zone is picked from a list
    assert client.get(reverse("admin:webinars_webinar_changelist")).status_code == 200
    event = EventFactory()
    response = client.get(reverse("admin:webinars_event_change", args=[event.pk]))
    assert "sessions-TOTAL_FORMS" in response.content.decode()


def test_csv_export_of_registrations(client, editor, registrants):
    client.force_login(editor)
    response = client.post(
        reverse("admin:webinars_webinar_changelist"),
        {"action": "export_registrations", "_selected_action": [registrants.pk]},
    )
    assert response["Content-Type"].startswith("text/csv")
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = content.strip().splitlines()
    assert lines[0].startswith("webinar,starts_at,name,email,status")
    assert len(lines) == 5
    assert "u2@example.org,waitlisted" in content


def test_email_registrants_action_asks_then_sends_to_registered_only(client, editor, registrants):
    client.force_login(editor)
    changelist = reverse("admin:webinars_webinar_changelist")
    response = client.post(changelist, {"action": "email_registrants", "_selected_action": [registrants.pk]})
    assert response.status_code == 200
    assert 'name="subject"' in response.content.decode()
    assert not mail.outbox

    response = client.post(
        changelist,
        {
            "action": "email_registrants",
            "_selected_action": [registrants.pk],
            "send": "1",
            "subject": "The slides",
            "message": "Here are the slides.",
        },
    )
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["u0@example.org", "u1@example.org"]
    assert mail.outbox[0].subject == "The slides"


def test_email_form_errors_do_not_send(client, editor, registrants):
    client.force_login(editor)
    response = client.post(
        reverse("admin:webinars_webinar_changelist"),
        {"action": "email_registrants", "_selected_action": [registrants.pk], "send": "1", "subject": ""},
    )
    assert response.status_code == 200
    assert not mail.outbox


def test_registration_changelist_filters_by_webinar_and_exports(client, editor, registrants):
    client.force_login(editor)
    response = client.get(reverse("admin:webinars_registration_changelist"), {"webinar__id__exact": registrants.pk})
    assert response.status_code == 200
    response = client.post(
        reverse("admin:webinars_registration_changelist"),
        {"action": "export_csv", "_selected_action": list(Registration.objects.values_list("pk", flat=True))},
    )
    assert response["Content-Type"].startswith("text/csv")


def test_raising_capacity_in_the_admin_promotes_the_waiting_list(rf, editor, registrants):
    from types import SimpleNamespace

    from django.contrib import admin
    from django.contrib.messages.storage.fallback import FallbackStorage

    from webinars.models import Webinar

    registrants.capacity = 2
    registrants.save()
    request = rf.post("/admin/")
    request.user = editor
    request.session = {}
    request._messages = FallbackStorage(request)
    model_admin = admin.site._registry[Webinar]
    registrants.capacity = 5
    model_admin.save_model(request, registrants, SimpleNamespace(changed_data=["capacity"]), change=True)

    assert registrants.registrations.registered().count() == 3
    assert "moved up from the waiting list" in str(next(iter(request._messages)))


def test_editors_type_times_in_the_webinars_own_zone():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from webinars.admin_forms import WebinarAdminForm

    data = {
        "title": "Libraries",
        "slug": "libraries",
        "starts_at": "2031-01-15 14:00",
        "ends_at": "2031-01-15 15:30",
        "time_zone": "America/Toronto",
    }
    form = WebinarAdminForm(data)
    assert form.is_valid(), form.errors
    toronto = ZoneInfo("America/Toronto")
    assert form.cleaned_data["starts_at"] == datetime(2031, 1, 15, 14, 0, tzinfo=toronto)
    assert form.cleaned_data["ends_at"] == datetime(2031, 1, 15, 15, 30, tzinfo=toronto)


def test_change_form_shows_the_local_clock(client, editor):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    starts = datetime(2031, 1, 15, 14, 0, tzinfo=ZoneInfo("Asia/Kuala_Lumpur"))
    webinar = WebinarFactory(starts_at=starts, ends_at=starts.replace(hour=15), time_zone="Asia/Kuala_Lumpur")
    client.force_login(editor)
    content = client.get(reverse("admin:webinars_webinar_change", args=[webinar.pk])).content.decode()
    assert 'name="starts_at_1" value="14:00:00"' in content
    assert "Local time in the time zone chosen for the webinar." in content


def test_sessions_are_typed_in_the_conferences_zone():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from webinars.admin_forms import SessionAdminForm
    from webinars.models import Session

    event = EventFactory(time_zone="Europe/Zurich")
    form = SessionAdminForm(
        {"starts_at": "2015-10-26 10:00", "ends_at": "2015-10-26 11:00", "title": "Opening"},
        instance=Session(event=event),
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["starts_at"] == datetime(2015, 10, 26, 10, 0, tzinfo=ZoneInfo("Europe/Zurich"))


def test_csv_cells_never_run_as_formulas(client, editor, django_user_model):
    webinar = WebinarFactory()
    user = django_user_model.objects.create_user("=HYPERLINK(1)", "x@example.org", "a long password 123")
    RegistrationFactory(webinar=webinar, user=user)
    client.force_login(editor)
    response = client.post(
        reverse("admin:webinars_webinar_changelist"),
        {"action": "export_registrations", "_selected_action": [webinar.pk]},
    )
    assert ",'=HYPERLINK(1)," in b"".join(response.streaming_content).decode("utf-8-sig")


def test_subject_with_a_line_break_is_refused():
    from webinars.forms import RegistrantsEmailForm

    form = RegistrantsEmailForm({"subject": "Hello\nBcc: someone@example.org", "message": "Hi"})
    assert not form.is_valid()
    assert "subject" in form.errors
