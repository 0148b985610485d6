from django.conf import settings


def permissions_policy(get_response):
    """Deny powerful browser features the portal never uses (Django sets the other security headers)."""

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

    return middleware
