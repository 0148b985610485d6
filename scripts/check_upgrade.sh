#!/usr/bin/env bash
# Prove that a database made by the code before this branch upgrades to this branch's code with nothing lost.
#
#   scripts/check_upgrade.sh [BASE]     # BASE: the old commit, by default `git merge-base main HEAD`
#
# 1. creates a scratch database (on the PostgreSQL of $PG_URL, default postgres://postgres@127.0.0.1:5432);
# 2. checks out BASE in a temporary git worktree and, with that code (and this checkout's .venv), runs
#    migrate and load_demo, adds what the demo lacks (a city typed for review with a proposal from it, an
#    editor in the Editors group, an admin history entry of a city), and records every table's row count
#    and checksum;
# 3. runs migrate with this checkout's code on the same database;
# 4. checks that every table holds the same rows, that makemigrations --check finds nothing, that pages
#    render, that the moved models' content types kept their ids and that the Editors group kept its
#    permissions on them (an editor opens their admin pages), and that the new code's load_demo finds
#    the old demo rows rather than adding new ones;
# 5. drops the database and removes the worktree, whatever happened.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
python="$root/.venv/bin/python"
base=${1:-$(git merge-base main HEAD)}
pg_url=${PG_URL:-postgres://postgres@127.0.0.1:5432}
db="com_upgrade_check_$$"
scratch=$(mktemp -d)
old="$scratch/old"

export DATABASE_URL="$pg_url/$db"
export DJANGO_SECRET_KEY="check-upgrade-only-not-a-secret"
export DJANGO_VAR_DIR="$scratch/var"  # uploads of the demo (PDF files) go there, not into a checkout
export DJANGO_ALLOWED_HOSTS="testserver"
unset REDIS_URL  # a memory cache per process: nothing shared with anyone

psql_db() { psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -qAtX "$@"; }

cleanup() {
  psql "$pg_url/postgres" -qX -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
  git -C "$root" worktree remove --force "$old" >/dev/null 2>&1 || true
  git -C "$root" worktree prune
  rm -rf "$scratch"
}
trap cleanup EXIT

# Every table but the migration records (which grow), each with its row count and a checksum of its rows.
snapshot() {
  psql_db <<'SQL'
DO $$
DECLARE t text; n bigint; sum text;
BEGIN
  CREATE TEMP TABLE snapshot (name text, rows bigint, checksum text);
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'django_migrations' LOOP
    EXECUTE format('SELECT count(*), md5(coalesce(string_agg(r::text, %L ORDER BY r::text), %L)) FROM %I r',
                   E'\n', '', t) INTO n, sum;
    INSERT INTO snapshot VALUES (t, n, sum);
  END LOOP;
END $$;
SELECT name || ' ' || rows || ' ' || checksum FROM snapshot ORDER BY name;
SQL
}

echo "== old code: $(git log -1 --format='%h %s' "$base")"
psql "$pg_url/postgres" -qX -v ON_ERROR_STOP=1 -c "CREATE DATABASE $db"
git worktree add --detach -q "$old" "$base"
(
  cd "$old"
  "$python" manage.py migrate --no-input -v0
  "$python" manage.py load_demo -v0
  "$python" manage.py shell -v0 -c '
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from goodideas.models import City, GoodIdea, Proposal, TypedPlace
editor = User.objects.create_user("editor", "editor@example.org", "a long password 123", is_staff=True)
editor.groups.add(Group.objects.get(name="Editors"))
place = TypedPlace.objects.create(city_name="Tampere", country_name="Finland")
idea = GoodIdea.objects.order_by("pk").first()
Proposal.objects.create(idea=idea, name="Aino", email="aino@example.org", place=place)
city = City.objects.order_by("pk").first()
LogEntry.objects.log_actions(editor.pk, [city], CHANGE, change_message="checked by check_upgrade.sh")
'
)
before=$(snapshot)
# Under goodideas before the places app, under places since: the same ids either way.
moved_before=$(psql_db -c "SELECT model || '=' || id FROM django_content_type WHERE app_label IN ('goodideas', 'places')
  AND model IN ('theme', 'country', 'city', 'organisation', 'typedplace') ORDER BY model")
grants_before=$(psql_db -c "SELECT count(*) FROM auth_group_permissions gp JOIN auth_group g ON g.id = gp.group_id
  JOIN auth_permission p ON p.id = gp.permission_id JOIN django_content_type c ON c.id = p.content_type_id
  WHERE g.name = 'Editors' AND c.model IN ('theme', 'country', 'city', 'organisation', 'typedplace')")
echo "$(wc -l <<<"$before") tables; rows: $(awk '{ s += $2 } END { print s }' <<<"$before")"
grep -E '^(goodideas_(goodidea|city|country|theme|organisation|typedplace|proposal)|elibrary_resource|webinars_webinar|conversations_item|community_post|citiesofmigration_searchterm|auth_group_permissions|django_admin_log) ' <<<"$before" | awk '{ printf "  %-32s %6d rows\n", $1, $2 }'
echo "content types of the models that move: $(tr '\n' ' ' <<<"$moved_before")"
echo "Editors' permissions on them: $grants_before"

echo "== new code: $(git log -1 --format='%h %s' HEAD)$(git diff --quiet HEAD && echo '' || echo ' (and uncommitted changes)')"
"$python" manage.py migrate --no-input
after=$(snapshot)

status=0
check() {  # check DESCRIPTION COMMAND...: run COMMAND, print ok or FAILED
  if "${@:2}"; then echo "ok: $1"; else echo "FAILED: $1"; status=1; fi
}

same_rows() {
  # The content types of the moved models change their app label (and nothing else): compare the others
  # exactly, and those by the next check. The content version rightly moves on at migrate.
  local skip='^(django_content_type|core_contentversion) '
  diff <(grep -Ev "$skip" <<<"$before") <(grep -Ev "$skip" <<<"$after")
}
check "every table holds the same rows (count and checksum of $(wc -l <<<"$after") tables)" same_rows

moved_after=$(psql_db -c "SELECT model || '=' || id FROM django_content_type WHERE app_label = 'places'
  AND model IN ('theme', 'country', 'city', 'organisation', 'typedplace') ORDER BY model")
check "the moved models' content types keep their ids under places ($(tr '\n' ' ' <<<"$moved_after"))" \
  test "$moved_before" == "$moved_after"
check "no content type is left under citiesofmigration" \
  test "$(psql_db -c "SELECT count(*) FROM django_content_type WHERE app_label = 'citiesofmigration'")" == 0
check "no migration is left to make" "$python" manage.py makemigrations --check --dry-run
check "no migration is left to apply" "$python" manage.py migrate --check

pages() {
  DJANGO_DEBUG=true "$python" manage.py shell -v0 -c '
import sys
from django.contrib.auth.models import Group, User
from django.test import Client
from goodideas.models import Proposal
from places.models import City
editors = Group.objects.get(name="Editors")
codenames = set(editors.permissions.filter(content_type__app_label="places").values_list("codename", flat=True))
wanted = {f"{action}_{model}" for action in ("add", "change", "delete", "view")
          for model in ("theme", "country", "city", "organisation", "typedplace")}
print(f"  Editors hold {len(codenames & wanted)} of the {len(wanted)} permissions on the places models")
failed = bool(wanted - codenames)
client = Client()
city = City.objects.order_by("pk").first()
paths = ["/en/", "/fr/", "/de/", "/en/ideas/", f"/en/cities/{city.slug}/", "/en/library/", "/en/search/?q=refugees",
         "/sitemap.xml", "/healthz"]
for path in paths:
    code = client.get(path).status_code
    print(f"  {code} {path}")
    failed |= code != 200
client.force_login(User.objects.get(username="editor"))
for path in ["/admin/places/city/", f"/admin/places/city/{city.pk}/change/", f"/admin/places/city/{city.pk}/history/",
             "/admin/places/typedplace/", "/admin/goodideas/goodidea/"]:
    response = client.get(path)
    print(f"  {response.status_code} {path} (as the editor)")
    failed |= response.status_code != 200
proposal = Proposal.objects.select_related("idea", "place").get(name="Aino")
review = client.get(f"/admin/places/typedplace/{proposal.place.pk}/change/").content.decode()
listed = proposal.idea.title in review
print(f"  the review of the typed city lists the idea proposed from there: {listed}")
failed |= not listed
history = client.get(f"/admin/places/city/{city.pk}/history/").content.decode()
kept = "checked by check_upgrade.sh" in history
print(f"  the city keeps its admin history (an entry made before the upgrade): {kept}")
failed |= not kept
sys.exit(1 if failed else 0)
'
}
check "pages render; the Editors group keeps its rights on the moved models" pages
check "the Editors group holds as many grants on them as before ($grants_before)" test "$(psql_db -c "
  SELECT count(*) FROM auth_group_permissions gp JOIN auth_group g ON g.id = gp.group_id
  JOIN auth_permission p ON p.id = gp.permission_id JOIN django_content_type c ON c.id = p.content_type_id
  WHERE g.name = 'Editors' AND c.app_label = 'places'")" == "$grants_before"

same_counts_after_demo() {
  # The new code's demo loaders find the rows the old ones made (natural keys): nothing is added twice.
  local counts
  counts=$(snapshot | awk '{ print $1, $2 }')
  "$python" manage.py load_demo -v0
  diff <(echo "$counts") <(snapshot | awk '{ print $1, $2 }')
}
check "load_demo with the new code adds no row to the upgraded database" same_counts_after_demo

if [[ $status == 0 ]]; then echo "== upgrade check passed"; else echo "== upgrade check FAILED"; fi
exit $status
