"""The shared preview: `/<lang>/preview/shared/<token>/` shows an item's preview to someone without an
account, for 7 days after an editor made the link (core.review.shared_preview_url).

The token is signed (django.core.signing, TimestampSigner): a changed token is a 404, an expired one a
friendly 403 page that says so. The page is the staff preview itself (the same view, banner, noindex and
no-store), read-only: GET and HEAD only, and the token never leaves in a Referer header.
"""

from django.apps import apps
from django.core import signing
from django.http import Http404
from django.shortcuts import render
from django.urls import resolve
from django.views.decorators.http import require_safe

from core import review
from core.publication import Publishable


@require_safe
def shared_preview(request, token):
    try:
        label, pk = review.read_token(token)
    except signing.SignatureExpired:
        return render(request, "core/shared_preview_expired.html", {"status": 403}, status=403)
    except signing.BadSignature:
        raise Http404 from None
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        raise Http404 from None
    if not issubclass(model, Publishable):
        raise Http404
    request.shared_preview = (model, pk)
    match = resolve(model(pk=pk).get_preview_url())
    response = match.func(request, *match.args, **match.kwargs)
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
