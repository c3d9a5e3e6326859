#!/usr/bin/env bash
# The deploy at the scale of an archive (scripts/bench --deploy; not a test): the bundle that
# `scripts/bench --scale N` left in target/bench/scale-site-N, deployed to a local
# `rclone serve s3` on its own port and folder: a first full deploy, a re-deploy with nothing
# changed, and one article published (scripts/prerender --article, then the deploy), each with
# its seconds and its peak memory (the command's --json). Written to target/bench/deploy.json.
#
#   bench/deploy.sh N
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:?usage: bench/deploy.sh N (after scripts/bench --scale N)}"
site="target/bench/scale-site-$n"
api="target/bench/scale-api-$n"
[ -d "$site" ] || { echo "no $site: run scripts/bench --scale $n first" >&2; exit 1; }
work="$(mktemp -d)"
mkdir -p "$work/data/news"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
export AWS_ACCESS_KEY_ID=NEWSROOMBENCHKEY1 AWS_SECRET_ACCESS_KEY=newsroom-bench-secret-0123456789 AWS_REGION=us-east-1
rclone serve s3 --auth-key "$AWS_ACCESS_KEY_ID,$AWS_SECRET_ACCESS_KEY" --addr "127.0.0.1:$port" "$work/data" 2>/dev/null &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
until python3 -c "import socket; socket.create_connection(('127.0.0.1',$port))" 2>/dev/null; do sleep 0.2; done
deploy() { scripts/deploy --dist "$site" --to s3://news --endpoint "http://127.0.0.1:$port" --json; }
summary() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(json.dumps({k: d[k] for k in ("files","seconds","bytes_uploaded","peak_memory_bytes")} | {"uploaded": len(d["uploaded"]), "deleted": len(d["deleted"])}))'; }
first="$(deploy | summary)"; echo "first deploy: $first"
again="$(deploy | summary)"; echo "nothing changed: $again"
id="$(python3 -c "import os,sys; print(sorted(os.listdir(sys.argv[1]))[0][:-5])" "$api/articles")"
start=$(date +%s.%N)
scripts/prerender --api "$api" --dist "$site" --site-url https://news.example --article "$id" >/dev/null 2>&1
publish="$(deploy | summary)"
end=$(date +%s.%N)
echo "one article published (prerender + deploy): $(python3 -c "print(round($end-$start,2))") s; deploy: $publish"
python3 -c "import json,sys; print(json.dumps({'articles': $n, 'first': $first, 'again': $again, 'publish_seconds': round($end-$start,2), 'publish': $publish}, indent=1))" > target/bench/deploy.json
