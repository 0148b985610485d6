"""The pages of alerts (core.alerts): subscribe from a list, confirm, one's alerts, unsubscribe."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import FormView, TemplateView

from core import alerts, ratelimit
from core.models import Alert

SIGN_UP_LIMIT = 10  # alerts a visitor's address may ask for per hour


class AlertForm(forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"), required=False)
    frequency = forms.ChoiceField(
        label=_("How often"), choices=Alert.Frequency.choices, initial=Alert.Frequency.WEEKLY, widget=forms.RadioSelect
    )
    query = forms.CharField(widget=forms.HiddenInput, required=False, max_length=2000)

    def __init__(self, *args, member=False, **kwargs):
        super().__init__(*args, **kwargs)
        if member:
            del self.fields["email"]
        else:
            self.fields["email"].required = True


class AlertCreateView(FormView):
    template_name = "core/alerts/new.html"
    form_class = AlertForm

    def dispatch(self, request, *args, **kwargs):
        self.source = alerts.source(kwargs["kind"])
        if self.source is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "member": self.request.user.is_authenticated}

    def get_initial(self):
        return {"query": alerts.normalise_query(self.kwargs["kind"], self.request.GET)}

    def get_context_data(self, **kwargs):
        form = kwargs.get("form") or self.get_form()
        query = alerts.normalise_query(self.kwargs["kind"], form["query"].value() or "")
        preview = Alert(kind=self.kwargs["kind"], query=query)
        return super().get_context_data(
            description=alerts.describe(preview), list_url=alerts.list_url(preview), **kwargs
        )

    def post(self, request, *args, **kwargs):
        if ratelimit.hit("alerts", ratelimit.client_ip(request), limit=SIGN_UP_LIMIT, period=3600):
            form = self.get_form()
            form.is_valid()
            form.add_error(None, _("Too many alerts asked for from your address. Please try again in an hour."))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        user = self.request.user if self.request.user.is_authenticated else None
        alerts.alert_create(
            kind=self.kwargs["kind"],
            query=form.cleaned_data["query"],
            frequency=form.cleaned_data["frequency"],
            language=get_language(),
            email=form.cleaned_data.get("email", ""),
            user=user,
        )
        if user:
            messages.success(self.request, _("Your alert is saved."))
            return redirect("alerts-mine")
        return redirect("alert-sent")


class AlertSentView(TemplateView):
    template_name = "core/alerts/sent.html"


def bad_link(request):
    return render(request, "core/alerts/bad_link.html", status=404)


class AlertConfirmView(View):
    def get(self, request, token):
        alert = alerts.from_token(token, alerts.CONFIRM_SALT, alerts.CONFIRM_MAX_AGE)
        if alert is None:
            return bad_link(request)
        return render(request, "core/alerts/confirm.html", {"alert": alert, "description": alerts.describe(alert)})

    def post(self, request, token):
        alert = alerts.from_token(token, alerts.CONFIRM_SALT, alerts.CONFIRM_MAX_AGE)
        if alert is None:
            return bad_link(request)
        alerts.alert_confirm(alert)
        context = {"alert": alert, "description": alerts.describe(alert), "done": True}
        context["manage_token"] = alerts.manage_token(alert.email)
        return render(request, "core/alerts/confirm.html", context)


@method_decorator(csrf_exempt, name="dispatch")  # one-click unsubscribe (RFC 8058): the signed link is the key
class AlertUnsubscribeView(View):
    def get(self, request, token):
        alert = alerts.from_token(token, alerts.UNSUBSCRIBE_SALT)
        if alert is None:
            return bad_link(request)
        return render(request, "core/alerts/unsubscribe.html", {"alert": alert, "description": alerts.describe(alert)})

    def post(self, request, token):
        alert = alerts.from_token(token, alerts.UNSUBSCRIBE_SALT)
        if alert is None:
            return bad_link(request)
        description = alerts.describe(alert)
        alert.delete()
        return render(request, "core/alerts/unsubscribe.html", {"description": description, "done": True})


def alert_rows(queryset):
    return [
        {
            "alert": alert,
            "description": alerts.describe(alert),
            "list_url": alerts.list_url(alert),
            "unsubscribe_token": alerts.token(alert, alerts.UNSUBSCRIBE_SALT),
        }
        for alert in queryset.active()
        if alerts.source(alert.kind)
    ]


class MyAlertsView(LoginRequiredMixin, TemplateView):
    template_name = "core/alerts/list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(rows=alert_rows(Alert.objects.filter(user=self.request.user)), **kwargs)


class ManageAlertsView(TemplateView):
    """A visitor's alerts, through the signed link in each e-mail."""

    template_name = "core/alerts/list.html"

    def get(self, request, *args, **kwargs):
        email = alerts.email_from_manage_token(kwargs["token"])
        if email is None:
            return bad_link(request)
        return self.render_to_response(self.get_context_data(rows=alert_rows(Alert.objects.filter(email=email))))
