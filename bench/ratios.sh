#!/usr/bin/env bash
# Throughput of the public pages against bare Django (../shared/bench/ratio), one line per page.
# usage: bench/ratios.sh [BASE_URL] [SECONDS]    (the portal running, e.g. `make run` on port 8000)
# Target: every ratio >= 0.5. Run with nothing else busy on the machine; quote ratios, not rps.
set -uo pipefail
base=${1:-http://127.0.0.1:8000}
secs=${2:-5}
ratio=$(cd "$(dirname "$0")/../.." && pwd)/shared/bench/ratio
[[ -x $ratio ]] || { echo "needs ../shared/bench/ratio beside the project"; exit 2; }
pages=(/en/ /fr/about/ /de/ideas/ "/en/ideas/?theme=work" "/en/ideas/?q=refugees" /en/cities/ /fr/themes/learn/
  /en/library/ "/fr/library/?q=integration&kind=toolkit" /de/webinars/ /en/events/ /fr/conversations/ /en/news/
  /de/community/ "/en/search/?q=refugees")
# The first detail page of each kind, as linked from its list.
for list in ideas library webinars events conversations community; do
  extra=$(curl -s "$base/en/$list/" | grep -o "href=\"/en/$list/[a-z0-9-]*/[a-z0-9/-]*\"" | grep -v -e '/feed/' -e '/submit/' | head -n 1 |
    sed 's/href="//; s/"$//')
  [[ -n $extra ]] && pages+=("$extra")
done
for page in "${pages[@]}"; do
  "$ratio" "$base$page" "$secs"
done
