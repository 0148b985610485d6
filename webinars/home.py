"""What the home page shows of this app: home_context(request) returns template variables."""


def home_context(request):
    return {}
