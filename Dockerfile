# syntax=docker/dockerfile:1
# Cities of Migration: the portal's image (README "Beyond one machine"). One image for the app servers
# and the job workers; deploy/compose.yaml runs it both ways.
#   docker build -t citiesofmigration .
# Not built on the development machine (no Docker daemon there): .ci/run builds it where one answers.

ARG PYTHON=3.11

# 1. Build: the dependencies (pinned by constraints.txt) in a virtual environment, with compilers at hand.
FROM python:${PYTHON}-slim-bookworm AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
RUN apt-get update \
    && apt-get install --yes --no-install-recommends build-essential \
    && rm -rf /var/lib/apt/lists/*
RUN python -m venv /venv
ENV PATH=/venv/bin:$PATH
WORKDIR /app
COPY pyproject.toml constraints.txt README.md ./
# `packages = []` in pyproject.toml: installing the project installs its dependencies only.
RUN pip install "pip>=24" && pip install -c constraints.txt .
COPY . .
# Built once here, not at each start: translations, and the hashed, compressed static files (WhiteNoise).
# Settings need a secret key to load; this one only serves these two commands and is not kept.
RUN DJANGO_SECRET_KEY=build-only DJANGO_VAR_DIR=/tmp/var python manage.py compiletranslations \
    && DJANGO_SECRET_KEY=build-only DJANGO_VAR_DIR=/tmp/var python manage.py collectstatic --no-input --verbosity 0 \
    && mv /tmp/var/static /app/static-collected

# 2. Runtime: the virtual environment and the code, no compilers, a user without privileges.
FROM python:${PYTHON}-slim-bookworm AS runtime
RUN apt-get update \
    && apt-get install --yes --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home --uid 10001 --home-dir /home/portal portal
COPY --from=build /venv /venv
COPY --from=build --chown=root:root /app /app
ENV PATH=/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_VAR_DIR=/var/lib/portal
# Static files where settings.STATIC_ROOT looks ($DJANGO_VAR_DIR/static); uploads go to the bucket
# (MEDIA_STORAGE_URL) or to a volume at $DJANGO_VAR_DIR/media.
RUN mkdir -p /var/lib/portal/media \
    && mv /app/static-collected /var/lib/portal/static \
    && chown -R portal:portal /var/lib/portal/media
WORKDIR /app
USER portal
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s CMD curl -fsS http://127.0.0.1:8000/healthz || exit 1
ENTRYPOINT ["/app/deploy/entrypoint.sh"]
# The same command as `make run` (README "Deployment"); WEB_CONCURRENCY sets gunicorn's workers.
CMD ["gunicorn", "citiesofmigration.wsgi", "--bind", "0.0.0.0:8000", "--limit-request-line", "8190", \
     "--access-logfile", "-", "--no-control-socket"]
