#!/usr/bin/env bash
# Beyond one machine, measured on this one: requests per second through HAProxy (deploy/haproxy.cfg) with
# two app servers and with one, then through Varnish (deploy/default.vcl) in front: hit rate and times.
# usage: bench/edge.sh [FIRST_PORT] [SECONDS]   (DATABASE_URL with demo data, e.g. after `make prepare`;
#        needs haproxy, varnishd, wrk; uses FIRST_PORT..FIRST_PORT+3). PAGE=/en/ideas/ picks the page.
# On one machine the two "servers" share its cores: read the two-server figure as what the balancer
# costs and spreads, not as what a second machine adds.
set -euo pipefail
cd "$(dirname "$0")/.."
first=${1:-8120}
secs=${2:-15}
page=${PAGE:-/en/ideas/}
app1=$((first + 1)) app2=$((first + 2)) lb=$first cache=$((first + 3))
for binary in haproxy varnishd wrk; do
  command -v "$binary" >/dev/null || [[ -x /usr/sbin/$binary ]] || { echo "needs $binary"; exit 2; }
done
work=$(mktemp -d /tmp/com-edge-bench-XXXXXX)
chmod 755 "$work"
pids=()
stop() {
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap stop EXIT
export DJANGO_SECRET_KEY=bench-edge-secret-key-0123456789-0123456789-0123456789 DJANGO_VAR_DIR=$work/var
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost DJANGO_BEHIND_PROXY=true CACHE_PURGE_URLS=http://127.0.0.1:$cache/
.venv/bin/python manage.py collectstatic --no-input --verbosity 0
start() {  # name, command...
  local name=$1
  shift
  setsid "$@" >"$work/$name.log" 2>&1 &
  pids+=($!)
}
start app1 .venv/bin/gunicorn citiesofmigration.wsgi --bind "127.0.0.1:$app1" --workers 2 --no-control-socket
start app2 .venv/bin/gunicorn citiesofmigration.wsgi --bind "127.0.0.1:$app2" --workers 2 --no-control-socket
app2_pid=${pids[1]}
LB_BIND=127.0.0.1:$lb APP1=127.0.0.1:$app1 APP2=127.0.0.1:$app2 start haproxy haproxy -db -f deploy/haproxy.cfg
sed "s/\.host = \"lb\";/.host = \"127.0.0.1\";/; s/\.port = \"8080\";/.port = \"$lb\";/" deploy/default.vcl >"$work/default.vcl"
chmod 644 "$work/default.vcl"
start varnish varnishd -F -n "$work/varnish" -f "$work/default.vcl" -a "127.0.0.1:$cache" -s malloc,256m -T none
for port in $app1 $app2 $lb $cache; do
  for _ in $(seq 120); do curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && break; sleep 0.5; done
done
rps() {  # address → requests per second (wrk, 2 threads, 8 connections)
  curl -s -o /dev/null "$1"  # warm each process's fragments
  wrk -t2 -c8 -d"${secs}s" "$1" | awk '/Requests\/sec/ {print $2}'
}
echo "page $page, $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "through HAProxy, two app servers (2 workers each): $(rps "http://127.0.0.1:$lb$page") req/s"
kill -TERM -- "-$app2_pid"
sleep 4  # HAProxy takes app2 out after two failed health checks a second apart
echo "through HAProxy, one app server (2 workers):       $(rps "http://127.0.0.1:$lb$page") req/s"
echo "one app server directly:                           $(rps "http://127.0.0.1:$app1$page") req/s"
curl -s -o /dev/null -X PURGE "http://127.0.0.1:$cache/"
miss=$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$cache$page")
hit=$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$cache$page")
echo "through Varnish: first request (miss) ${miss}s, second (hit) ${hit}s"
echo "through Varnish, the page cached:                  $(rps "http://127.0.0.1:$cache$page") req/s"
stats=$(varnishstat -n "$work/varnish" -1 -f MAIN.cache_hit -f MAIN.cache_miss)
hits=$(awk '/cache_hit / {print $2}' <<<"$stats")
misses=$(awk '/cache_miss / {print $2}' <<<"$stats")
echo "Varnish hit rate: $hits hits, $misses misses ($(awk "BEGIN {printf \"%.4f\", $hits / ($hits + $misses)}"))"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
