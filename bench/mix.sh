#!/usr/bin/env bash
# A crawl-like mix against bare Django: >= 1,000 distinct public addresses of the running portal (found
# from its own links by bench/crawl.py: lists with facet values and pages, details, searches, 3 languages),
# each asked for about once, loaded with wrk (a Lua script cycling the list), then the bare page of
# ../shared/bench/ratio for as long; prints both rates and the ratio. Nothing sends If-None-Match:
# every request renders (fragment caches stay on, as in production).
# usage: bench/mix.sh [BASE_URL] [SECONDS] [ADDRESSES]     e.g. bench/mix.sh http://127.0.0.1:8000 20 1200
set -euo pipefail
base=${1:-http://127.0.0.1:8000}; secs=${2:-20}; count=${3:-1200}
here=$(cd "$(dirname "$0")" && pwd)
ratio=$here/../../shared/bench/ratio
bare=http://127.0.0.1:8766/rows/
command -v wrk >/dev/null || { echo "needs wrk (apt-get install -y wrk)"; exit 2; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
python3 "$here/crawl.py" "$base" "$count" >"$work/addresses"
found=$(wc -l <"$work/addresses")
echo "$found distinct addresses ($(grep -c '^/en/' "$work/addresses") en, $(grep -c '^/fr/' "$work/addresses") fr, $(grep -c '^/de/' "$work/addresses") de, $(grep -c 'q=' "$work/addresses") searches)"
cat >"$work/mix.lua" <<LUA
local addresses, i = {}, 0
for line in io.lines("$work/addresses") do addresses[#addresses + 1] = line end
request = function()
  i = i % #addresses + 1
  return wrk.format("GET", addresses[i])
end
LUA
# The bare page: ../shared/bench/ratio starts it on its first run.
curl -sf -o /dev/null "$bare" || "$ratio" "$base/en/about/" 1 >/dev/null
rps() { wrk -t2 -c8 -d"${secs}s" "$@" 2>&1 | awk '/Requests\/sec/ {print $2} /Non-2xx/ {print "non-2xx: " $NF > "/dev/stderr"}'; }
mix=$(rps -s "$work/mix.lua" "$base")
plain=$(rps "$bare")
awk -v m="$mix" -v b="$plain" 'BEGIN { printf "mix %s rps  bare %s rps  ratio %.3f\n", m, b, m / b }'
