#!/usr/bin/env bash
# Throughput of the public pages against bare Django (../shared/bench/ratio), one line per page.
# usage: bench/ratios.sh [BASE_URL] [SECONDS]    (the portal running, e.g. `make run` on port 8000)
# Target: every ratio >= 0.5. Run with nothing else busy on the machine; quote ratios, not rps.
set -uo pipefail
base=${1:-http://127.0.0.1:8000}
secs=${2:-5}
ratio=$(cd "$(dirname "$0")/../.." && pwd)/shared/bench/ratio
[[ -x $ratio ]] || { echo "needs ../shared/bench/ratio beside the project"; exit 2; }
pages=(/en/ /fr/about/ /de/ideas/ "/en/ideas/?theme=work" "/en/ideas/?q=refugees" /en/cities/ /fr/themes/learn/)
while read -r extra; do [[ -n $extra ]] && pages+=("$extra"); done < <(
  curl -s "$base/en/ideas/" | grep -o 'href="/en/ideas/[a-z0-9-]*/"' | head -n 1 | sed 's/href="//; s/"$//')
for page in "${pages[@]}"; do
  "$ratio" "$base$page" "$secs"
done
