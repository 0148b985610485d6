from django.conf import settings

from citiesofmigration import mail


def permissions_policy(get_response):
    """Deny powerful browser features the portal never uses (Django sets the other security headers)."""

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

    return middleware


def admin_csp(get_response):
    """Let the admin's rich-text editor run.

    django-prose-editor declares its modules in an inline <script type="importmap"> and styles its
    toolbar inline, which a strict policy forbids. The admin alone (signed-in staff, behind CSRF)
    allows inline scripts and styles; every public page keeps script-src and style-src 'self'.
    """

    def middleware(request):
        response = get_response(request)
        if request.path.startswith("/admin/"):
            response._csp_update = {"script-src": ["'unsafe-inline'"], "style-src": ["'unsafe-inline'"]}
        return response

    return middleware


def mail_links(get_response):
    """E-mails sent while a request is handled link to the host it came to (DJANGO_SITE_URL, where set,
    wins), on whatever port the portal runs."""

    def middleware(request):
        with mail.links_to(request):
            return get_response(request)

    return middleware
