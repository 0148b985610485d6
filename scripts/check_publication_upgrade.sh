#!/usr/bin/env bash
# Prove that the move to the one publication rule (issue 13) keeps what the public sees, on real data.
#
#   scripts/check_publication_upgrade.sh [BASE]     # BASE: the old commit, by default `git merge-base main HEAD`
#
# Builds a scratch database with the old code (migrate, load_demo, then rows in every old state: drafts,
# proposals, scheduled and unscheduled items, unpublished webinars…), records what each kind's old
# published() shows now and in four days, migrates with this checkout's code, and checks that the new
# published() shows the same, that nothing is left to migrate and that load_demo adds no row.
# Drops the database and removes the worktree, whatever happened.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
python="$root/.venv/bin/python"
base=${1:-$(git merge-base main HEAD)}
pg_url=${PG_URL:-postgres://postgres@127.0.0.1:5432}
db="com_publication_check_$$"
scratch=$(mktemp -d)
old="$scratch/old"
export DATABASE_URL="$pg_url/$db" DJANGO_SECRET_KEY="check-only-not-a-secret" DJANGO_VAR_DIR="$scratch/var"
unset REDIS_URL

cleanup() {
  psql "$pg_url/postgres" -qX -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
  git -C "$root" worktree remove --force "$old" >/dev/null 2>&1 || true
  git -C "$root" worktree prune
  rm -rf "$scratch"
}
trap cleanup EXIT

# What the public sees of each kind, now and in four days (the scheduled rows by then), one line per kind.
public_sets='
import datetime
from unittest import mock
from django.utils import timezone
from conversations.models import Issue, Item, NewsItem
from elibrary.models import Resource
from goodideas.models import GoodIdea
from webinars.models import Event, Webinar
def public():
    sets = {
        "ideas": GoodIdea.objects.published().values_list("slug", flat=True),
        "resources": Resource.objects.published().values_list("slug", flat=True),
        "webinars": Webinar.objects.published().values_list("slug", flat=True),
        "events": Event.objects.published().values_list("slug", flat=True),
        "issues": Issue.objects.published().values_list("number", flat=True),
        "items": Item.objects.published().values_list("issue__number", "slug"),
        "news": NewsItem.objects.all().values_list("slug", flat=True) if not hasattr(NewsItem.objects, "published")
        else NewsItem.objects.published().values_list("slug", flat=True),
    }
    return {kind: sorted(map(str, rows)) for kind, rows in sets.items()}
moment = datetime.datetime.fromisoformat(open(MOMENT).read().strip())
for label, at in [("now", moment), ("in-4-days", moment + datetime.timedelta(days=4))]:
    with mock.patch("django.utils.timezone.now", return_value=at):
        for kind, rows in public().items():
            print(label, kind, len(rows), " ".join(rows))
'

echo "== old code: $(git log -1 --format='%h %s' "$base")"
psql "$pg_url/postgres" -qX -v ON_ERROR_STOP=1 -c "CREATE DATABASE $db"
git worktree add --detach -q "$old" "$base"
(
  cd "$old"
  "$python" manage.py migrate --no-input -v0
  "$python" manage.py load_demo -v0
  "$python" manage.py shell -v0 -c '
from datetime import timedelta
from django.utils import timezone
from conversations.models import Issue, Item
from elibrary.models import Resource
from goodideas.models import GoodIdea
from webinars.models import Event, Webinar
now = timezone.now()
ideas = list(GoodIdea.objects.order_by("pk")[:4])
GoodIdea.objects.filter(pk=ideas[0].pk).update(status="draft")                                  # unpublished
GoodIdea.objects.filter(pk=ideas[1].pk).update(status="submitted", published_at=None)          # a proposal
GoodIdea.objects.filter(pk=ideas[2].pk).update(published_at=now + timedelta(days=2))           # scheduled
GoodIdea.objects.filter(pk=ideas[3].pk).update(published_at=None)                              # never public
resources = list(Resource.objects.order_by("pk")[:3])
Resource.objects.filter(pk=resources[0].pk).update(is_published=False)
Resource.objects.filter(pk=resources[1].pk).update(published_at=now + timedelta(days=2))
Resource.objects.filter(pk=resources[2].pk).update(is_published=False, published_at=now + timedelta(days=3))
Webinar.objects.filter(pk=Webinar.objects.order_by("pk").first().pk).update(published=False)
Event.objects.filter(pk=Event.objects.order_by("pk").first().pk).update(published=False)
first = Issue.objects.order_by("number").first()
Issue.objects.create(number=90, title="Scheduled", title_en="Scheduled", status="published", publish_at=now + timedelta(days=1))
Issue.objects.create(number=91, title="Published, no time", title_en="Published, no time", status="published")
Issue.objects.create(number=92, title="Draft", title_en="Draft", status="draft")
for number in (90, 91, 92):
    Item.objects.create(issue=Issue.objects.get(number=number), title="Item", title_en="Item", slug=f"item-{number}")
'
  date -u +%Y-%m-%dT%H:%M:%S+00:00 >"$scratch/moment"
  sed "s|MOMENT|\"$scratch/moment\"|" <<<"$public_sets" >"$scratch/public.py"
  "$python" manage.py shell -v0 <"$scratch/public.py" >"$scratch/before"
)
sed "s|MOMENT|\"$scratch/moment\"|" <<<"$public_sets" >"$scratch/public.py"
echo "what the public sees (old rules), now and in four days:"
awk '{ printf "  %-10s %-10s %4d\n", $1, $2, $3 }' "$scratch/before"

echo "== new code: $(git log -1 --format='%h %s' HEAD)$(git diff --quiet HEAD && echo '' || echo ' (and uncommitted changes)')"
"$python" manage.py migrate --no-input -v1 | grep -E "publishable|content_version" || true
"$python" manage.py shell -v0 <"$scratch/public.py" >"$scratch/after"

status=0
check() { if "${@:2}"; then echo "ok: $1"; else echo "FAILED: $1"; status=1; fi; }
check "the public sees the same items of every kind, now and in four days ($(wc -l <"$scratch/after") sets)" \
  diff "$scratch/before" "$scratch/after"
check "no migration is left to make" "$python" manage.py makemigrations --check --dry-run
counts() { psql "$DATABASE_URL" -qAtX -c "SELECT (SELECT count(*) FROM goodideas_goodidea), (SELECT count(*) FROM elibrary_resource), (SELECT count(*) FROM conversations_item)"; }
before_demo=$(counts)
"$python" manage.py load_demo -v0
check "load_demo with the new code adds no row ($before_demo)" test "$before_demo" == "$(counts)"
if [[ $status == 0 ]]; then echo "== publication upgrade check passed"; else echo "== publication upgrade check FAILED"; fi
exit $status
