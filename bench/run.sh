#!/usr/bin/env bash
# The Bozhou Hotline benchmarks (issue 8): see bench/README.md.
# Usage: bench/run.sh [--smoke] [--duration 30] [--runs 3] [--appeals 3500000] [--no-postgres] [--data DIR]
# BENCH_APP / BENCH_SEEDER: folders with an already built web app / bench seeder, instead of publishing them.
# BENCH_NGINX: the nginx of the scale-out rows (default: nginx on PATH, or /usr/sbin/nginx).
# Prints one Markdown table; exits non-zero when the bench itself could not run (a missed goal is not an error).
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
bench="$root/bench"

duration=30; warmup=10; submit_warmup=60; runs=3; appeals=3500000; submit_duration=60; submit_conns=16; postgres=1; smoke=0; data_dir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) smoke=1; duration=2; warmup=1; submit_warmup=1; runs=1; appeals=1000; submit_duration=2 ;;
    --duration) duration=$2; shift ;;
    --runs) runs=$2; shift ;;
    --appeals) appeals=$2; shift ;;
    --submit-duration) submit_duration=$2; shift ;;
    --no-postgres) postgres=0 ;;
    --data) data_dir=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }
if ! command -v wrk >/dev/null 2>&1; then
  echo "== installing wrk from Debian packages" >&2
  as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends wrk >/dev/null \
    || { echo "!! wrk is missing and could not be installed" >&2; exit 1; }
fi

# One core for the server, the other for wrk (taskset is skipped on a one-core machine).
cores=$(nproc)
if [ "$cores" -ge 2 ]; then server_cpu=(taskset -c 0); wrk_cpu=(taskset -c 1); else server_cpu=(); wrk_cpu=(); fi
# The scale-out rows: every app instance shares the server's core, so one and two instances have the same CPU;
# nginx shares wrk's core (at the rates measured here, a few hundred requests/s, both are light).
proxy_cpu=("${wrk_cpu[@]}")
nginx_bin=${BENCH_NGINX:-$(command -v nginx 2>/dev/null || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; })}

work=$(mktemp -d /tmp/hotline-bench.XXXXXX)
chmod 755 "$work"
server_pid=""; server_pids=(); server_ports=(); nginx_pid=""; pg_dir=""; pg_keep=0
# --data DIR keeps the seeded databases (SQLite file, PostgreSQL cluster) there and reuses them on the next run.
if [ -n "$data_dir" ]; then mkdir -p "$data_dir" && data_dir=$(cd "$data_dir" && pwd) && chmod 755 "$data_dir" || exit 1; fi
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
# Stops every app instance started (one, or the scale-out rows' several).
stop_server() {
  local pid
  for pid in "${server_pids[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${server_pids[@]}"; do wait "$pid" 2>/dev/null; done
  server_pid=""; server_pids=(); server_ports=()
}
stop_nginx() {
  if [ -n "$nginx_pid" ]; then kill "$nginx_pid" 2>/dev/null; wait "$nginx_pid" 2>/dev/null; nginx_pid=""; fi
}
cleanup() {
  stop_nginx
  stop_server
  if [ -n "$pg_dir" ]; then
    if [ "$pg_keep" = 1 ]; then run_pg "$(pg_bin)/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1
    else run_pg "$(pg_bin)/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1; rm -rf "$pg_dir"; fi
  fi
  rm -rf "$work"
}
trap cleanup EXIT
# Interrupted or terminated: exit, so that the EXIT trap stops the servers, nginx and PostgreSQL.
trap 'exit 130' INT
trap 'exit 143' TERM
log() { echo "== $*" >&2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# The app: a Release publish, or BENCH_APP=folder holding an already built Bozhou.Hotline.Web.dll.
if [ -n "${BENCH_APP:-}" ]; then
  app="$BENCH_APP"
else
  # For this machine's runtime, so the publish is ReadyToRun (compiled ahead of time), as a deployment is.
  rid=$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')
  log "publishing Release for $rid (ReadyToRun)"
  dotnet publish src/Bozhou.Hotline.Web -c Release -r "$rid" --self-contained false -o "$work/app" -nologo -clp:ErrorsOnly >"$work/publish.log" 2>&1 \
    || { cat "$work/publish.log" >&2; exit 1; }
  app="$work/app"
fi

# The seeder of the supervision figures' data (bench/Bozhou.Hotline.Bench): a build, or BENCH_SEEDER=folder holding
# an already built Bozhou.Hotline.Bench.dll.
if [ -n "${BENCH_SEEDER:-}" ]; then
  seeder="$BENCH_SEEDER"
else
  log "publishing the bench seeder (Release)"
  dotnet publish bench/Bozhou.Hotline.Bench -c Release -o "$work/seeder" -nologo -clp:ErrorsOnly >"$work/publish-seeder.log" 2>&1 \
    || { cat "$work/publish-seeder.log" >&2; exit 1; }
  seeder="$work/seeder"
fi

password="Bench-Demo-Password-2026"
# Production needs a key-ring certificate: one made for this run, as the README shows.
openssl req -x509 -newkey rsa:3072 -sha256 -days 30 -nodes -subj "/CN=Bench key ring" \
  -keyout "$work/keyring.key" -out "$work/keyring.crt" >/dev/null 2>&1 \
  && openssl pkcs12 -export -inkey "$work/keyring.key" -in "$work/keyring.crt" -out "$work/keyring.pfx" -passout pass:bench-key-ring \
  || { echo "openssl could not make the key-ring certificate" >&2; exit 1; }
app_env() {
  # $1: provider, $2: connection string
  # exec: run in the background, the process keeps the shell's PID, so $! is the server itself.
  exec env ASPNETCORE_ENVIRONMENT=Production DOTNET_gcServer=0 \
    Privacy__PhoneHashKey="bench-phone-hash-key-0123456789abcdef0123" \
    DataProtection__CertificatePath="$work/keyring.pfx" DataProtection__CertificatePassword=bench-key-ring \
    Seed__Demo=true Seed__DemoPassword="$password" \
    Serilog__MinimumLevel__Default=Warning Serilog__MinimumLevel__Override__Microsoft=Warning \
    Appeals__SubmissionsPerHour=100000000 Accounts__SignInAttemptsPerMinute=100000 \
    Database__Provider="$1" ConnectionStrings__Hotline="$2" "${@:3}"
}

# Starts one app instance (in the app's folder, its content root) on a free port, on the server's core, without
# waiting for it; sets port, base and server_pid, and adds it to server_pids/server_ports.
launch_server() {
  local provider=$1 conn=$2
  port=$(free_port); base="http://127.0.0.1:$port"
  cd "$app"
  app_env "$provider" "$conn" "${server_cpu[@]}" dotnet "$app/Bozhou.Hotline.Web.dll" --urls "$base" >>"$work/server.log" 2>&1 &
  server_pid=$!
  cd "$root"
  server_pids+=("$server_pid"); server_ports+=("$port")
}

# Waits until $1 (a base address) answers 200 on $2 while the process $3 lives; sets startup to the seconds since $4.
await_answer() {
  local url=$1$2 pid=$3 t0=$4
  for _ in $(seq 1 1200); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" = 200 ]; then
      startup=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$t0" "$(date +%s.%N)")
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  echo "!! no 200 on $url:" >&2; tail -n 30 "$work/server.log" >&2
  return 1
}

# Starts the server; sets startup to the seconds until its first 200 on $3.
start_server() {
  local provider=$1 conn=$2 path=$3 t0; t0=$(date +%s.%N)
  launch_server "$provider" "$conn"
  await_answer "$base" "$path" "$server_pid" "$t0"
}

# Starts $1 app instances at once on one database (on PostgreSQL they take turns migrating) and waits for each.
start_instances() {
  local n=$1 provider=$2 conn=$3 i t0; t0=$(date +%s.%N)
  for ((i = 0; i < n; i++)); do launch_server "$provider" "$conn"; done
  for ((i = 0; i < n; i++)); do
    await_answer "http://127.0.0.1:${server_ports[$i]}" /healthz/live "${server_pids[$i]}" "$t0" || return 1
  done
}

# nginx in front of the running instances, as deploy/nginx-bozhou-hotline.conf proxies (round robin, keep-alive to
# the app, the client's address and the scheme forwarded), in plain HTTP on a free port; not a daemon, a child of
# this script, stopped by stop_nginx and on every exit (cleanup). Logs which instance answered each request.
# Sets base to its address.
start_nginx() {
  local dir="$work/nginx" upstream="" p t0; t0=$(date +%s.%N)
  mkdir -p "$dir"; : >"$dir/access.log"
  for p in "${server_ports[@]}"; do upstream+="        server 127.0.0.1:$p;"$'\n'; done
  nginx_port=$(free_port)
  cat >"$dir/nginx.conf" <<EOF
daemon off;
master_process off;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
    log_format instance '\$upstream_addr \$status';
    access_log $dir/access.log instance;
    client_body_temp_path $dir/body;
    proxy_temp_path $dir/proxy;
    fastcgi_temp_path $dir/fastcgi;
    uwsgi_temp_path $dir/uwsgi;
    scgi_temp_path $dir/scgi;
    upstream bozhou_hotline {
$upstream        keepalive 16;
    }
    server {
        listen 127.0.0.1:$nginx_port;
        client_max_body_size 4m;
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_set_header Host \$host;
        proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto \$scheme;
        proxy_read_timeout 60s;
        location / {
            proxy_pass http://bozhou_hotline;
        }
    }
}
EOF
  "${proxy_cpu[@]}" "$nginx_bin" -e "$dir/error.log" -p "$dir" -c "$dir/nginx.conf" >>"$dir/error.log" 2>&1 &
  nginx_pid=$!
  base="http://127.0.0.1:$nginx_port"
  await_answer "$base" /healthz/live "$nginx_pid" "$t0" || { cat "$dir/error.log" >&2; return 1; }
}

# How nginx shared the requests it passed on since it started among the instances: "a / b requests per instance".
nginx_split() {
  local p out=""
  for p in "${server_ports[@]}"; do
    out+="${out:+ / }$(awk -v a="127.0.0.1:$p" '$1 == a { n++ } END { print n + 0 }' "$work/nginx/access.log")"
  done
  echo "$out requests per instance"
}

instances() { if [ "$1" = 1 ]; then echo "1 instance"; else echo "$1 instances"; fi; }

median() { sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print a[(NR + 1) / 2]; else printf "%.2f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# wrk on a path, $runs times; sets rps, p95, p99, errs (medians; errors summed).
measure() {
  local path=$1 conns=${2:-64} cookie=${3:-} i line x p50 x95 x99 n e
  local -a r=() a=() b=(); errs=0
  # Warm-up (JIT, caches, connection pool), not counted.
  if [ -n "$cookie" ]; then
    "${wrk_cpu[@]}" wrk -t1 -c"$conns" -d"${warmup}s" -H "Cookie: $cookie" "$base$path" >/dev/null
  else
    "${wrk_cpu[@]}" wrk -t1 -c"$conns" -d"${warmup}s" "$base$path" >/dev/null
  fi
  for ((i = 0; i < runs; i++)); do
    if [ -n "$cookie" ]; then
      line=$("${wrk_cpu[@]}" wrk -t1 -c"$conns" -d"${duration}s" -H "Cookie: $cookie" -s "$bench/report.lua" "$base$path" | grep '^RESULT')
    else
      line=$("${wrk_cpu[@]}" wrk -t1 -c"$conns" -d"${duration}s" -s "$bench/report.lua" "$base$path" | grep '^RESULT')
    fi
    read -r _ x p50 x95 x99 n e <<<"$line"
    r+=("$x"); a+=("$x95"); b+=("$x99"); errs=$((errs + e))
  done
  rps=$(printf '%s\n' "${r[@]}" | median); p95=$(printf '%s\n' "${a[@]}" | median); p99=$(printf '%s\n' "${b[@]}" | median)
}

rows=()
row() { rows+=("| $1 | $2 | $3 | $4 |"); }
ratio() { python3 -c "import sys; print(f'{100*float(sys.argv[1])/float(sys.argv[2]):.0f}%')" "$1" "$2"; }
ge() { python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) >= float(sys.argv[2]) else 1)" "$1" "$2"; }
verdict() { if ge "$1" "$2"; then echo met; else echo missed; fi; }
verdict_le() { if ge "$2" "$1"; then echo met; else echo missed; fi; }
# A time goal over a load with errors is missed, whatever the times: failed requests may have no time at all (p95 0 ms).
verdict_le_clean() { if [ "${3:-0}" = 0 ] && ge "$2" "$1"; then echo met; else echo missed; fi; }
# PostgreSQL: a query on database $1 of the bench's cluster, one value per line.
psql_q() { PGOPTIONS='-c client_min_messages=warning' "$(pg_bin)/psql" -h 127.0.0.1 -p "$pg_port" -U hotline -d "$1" -XAtq -v ON_ERROR_STOP=1 "${@:2}"; }
# The appeals stored: $1 provider (Sqlite/Postgres), $2 the SQLite file or the PostgreSQL database.
count_appeals() {
  if [ "$1" = Postgres ]; then psql_q "$2" -c 'select count(*) from "Appeals"'
  else python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from Appeals').fetchone()[0])" "$2"; fi
}
# How many tracking codes written in folder $3 no appeal has: $1 provider, $2 the SQLite file or PostgreSQL database.
missing_receipts() {
  if [ "$1" = Postgres ]; then
    cat "$3"/* 2>/dev/null | grep -v '^$' | psql_q "$2" -c 'create temp table codes (code text)' -c '\copy codes from pstdin' \
      -c 'select count(*) from codes c where not exists (select 1 from "Appeals" a where a."TrackingCode" = c.code)'
  else
    python3 - "$2" "$3" <<'PY'
import os, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
codes = [l.strip() for f in os.listdir(sys.argv[2]) for l in open(os.path.join(sys.argv[2], f)) if l.strip()]
print(sum(1 for c in codes if db.execute("select 1 from Appeals where TrackingCode = ?", (c,)).fetchone() is None))
PY
  fi
}

# Appeal submissions at $base with submit.lua: a warm-up, then the measured run; every receipt's tracking code is
# written down and looked up in the database afterwards. $1: the row's label, $2: provider, $3: the SQLite file or
# PostgreSQL database, $4: the cadre the appeals are for.
submissions() {
  local label=$1 provider=$2 db=$3 cadre=$4 codes out before after receipts failures posts_per_s s99 serrs stored missing found extra sok split=""
  codes=$(mktemp -d "$work/codes.XXXXXX"); mkdir -p "$codes/warm" "$codes/run"
  # A longer warm-up: on one core the JIT's tiering of this path finishes only after a minute or more of this load
  # (measured: 165 appeals/s in the first 15 s, 423/s after 105 s); the figure is the warm server's.
  "${wrk_cpu[@]}" wrk -t1 -c"$submit_conns" -d"${submit_warmup}s" -s "$bench/submit.lua" "$base" -- "$cadre" "$codes/warm" >/dev/null
  sleep 1
  before=$(count_appeals "$provider" "$db")
  out=$("${wrk_cpu[@]}" wrk -t1 -c"$submit_conns" -d"${submit_duration}s" -s "$bench/submit.lua" "$base" -- "$cadre" "$codes/run")
  sleep 1
  after=$(count_appeals "$provider" "$db")
  read -r _ receipts failures posts_per_s <<<"$(grep '^SUBMIT' <<<"$out")"
  read -r _ _ _ _ s99 _ serrs <<<"$(grep '^RESULT' <<<"$out")"
  stored=$((after - before))
  # Requests still in flight when wrk stops are stored but not counted by wrk: at most one per connection.
  missing=$(missing_receipts "$provider" "$db" "$codes/run")
  found=$(if [ "$missing" = 0 ]; then echo "all $receipts receipts found"; else echo "$missing of $receipts receipts NOT found"; fi)
  extra=$((stored - receipts))
  sok=$(if ge "$posts_per_s" 500 && [ "$serrs" = 0 ] && [ "$missing" = 0 ] && [ "$extra" -ge 0 ] && [ "$extra" -le "$submit_conns" ]; then echo met; else echo missed; fi)
  if [ -n "$nginx_pid" ] && [ "${#server_ports[@]}" -gt 1 ]; then split="; $(nginx_split) (warm-up included)"; fi
  row "appeal submission ($label), $submit_conns connections, ${submit_duration} s" "$posts_per_s appeals/s, p99 $s99 ms, $serrs errors, $found; $stored stored ($extra in flight at the stop)$split" "—" "≥ 500/s, 0 errors, all found: $sok"
}

# --- Directory, submission, memory and start-up on the demo data (SQLite) ---------------------------
demo_db="$work/demo.db"
log "first start on a new SQLite database (migrate + demo seed)"
start_server Sqlite "Data Source=$demo_db" /healthz/live || exit 1
stop_server
log "start-up on the existing database"
start_server Sqlite "Data Source=$demo_db" /healthz/live || exit 1
startup_live=$startup
stop_server
start_server Sqlite "Data Source=$demo_db" /directory || exit 1
startup_dir=$startup

cadre=$(curl -s "$base/directory" | grep -o 'href="/directory/cadres/[0-9]*"' | head -n 1 | grep -o '[0-9]*')
listed=$(curl -s "$base/directory" | grep -o 'href="/directory/cadres/[0-9]*"' | sort -u | wc -l)
[ -n "$cadre" ] || { echo "!! no cadre on /directory" >&2; exit 1; }
query="/directory?q=$(python3 -c 'import urllib.parse; print(urllib.parse.quote("市长"))')"

log "baseline /healthz/live"
measure /healthz/live; base_rps=$rps
row "baseline \`GET /healthz/live\`" "$base_rps req/s, p99 $p99 ms, $errs errors" "100%" "—"

log "/directory ($listed cadres listed) with memory sampling"
peak_file="$work/rss"; echo 0 >"$peak_file"
( while kill -0 "$server_pid" 2>/dev/null; do
    kb=$(awk '/^VmRSS/ { print $2 }' "/proc/$server_pid/status" 2>/dev/null || echo 0)
    [ "${kb:-0}" -gt "$(cat "$peak_file")" ] && echo "$kb" >"$peak_file"
    sleep 0.2
  done ) &
sampler=$!
measure /directory
kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null
rss_mb=$(( $(cat "$peak_file") / 1024 ))
r=$(ratio "$rps" "$base_rps")
ok=$(if [ "${errs:-0}" = 0 ] && ge "${r%\%}" 50 && ge 25 "$p99"; then echo met; else echo missed; fi)
row "\`/directory\`, $listed cadres listed, 64 connections" "$rps req/s, p99 $p99 ms, $errs errors" "$r" "≥ 50%, p99 ≤ 25 ms: $ok"

log "/directory?q="
measure "$query"
r=$(ratio "$rps" "$base_rps")
row "\`/directory?q=市长\`" "$rps req/s, p99 $p99 ms, $errs errors" "$r" "≥ 25%: $(verdict "${r%\%}" 25)"

log "/directory/cadres/$cadre"
measure "/directory/cadres/$cadre"
r=$(ratio "$rps" "$base_rps")
row "\`/directory/cadres/{id}\`" "$rps req/s, p99 $p99 ms, $errs errors" "$r" "≥ 50%: $(verdict "${r%\%}" 50)"
row "server memory under the directory load" "$rss_mb MB peak RSS" "—" "≤ 300 MB: $(verdict_le "$rss_mb" 300)"
row "start-up to first 200, existing database" "$startup_live s (\`/healthz/live\`), $startup_dir s (\`/directory\`)" "—" "≤ 2 s: $(verdict_le "$startup_dir" 2)"

log "appeal submission, full form POST, ${submit_duration} s"
submissions SQLite Sqlite "$demo_db" "$cadre"
stop_server

# --- Supervision queues and the yearly scorecard at N appeals -------------------------------------------
sign_in() {
  local jar="$work/cookies.txt" token
  rm -f "$jar"
  token=$(curl -s -c "$jar" "$base/account/login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//; s/"$//')
  curl -s -o /dev/null -b "$jar" -c "$jar" "$base/account/login" \
    --data-urlencode "Input.Email=supervisor@demo.local" --data-urlencode "Input.Password=$password" \
    --data-urlencode "__RequestVerificationToken=$token"
  awk '$6 == "hotline.auth" { print $6 "=" $7 }' "$jar"
}

supervision() {
  # $4: a file that says the database already holds the seed (--data), made once the seed has finished.
  local label=$1 provider=$2 conn=$3 seeded=${4:-} auth code
  if [ -n "$seeded" ] && [ -f "$seeded" ]; then
    log "$label: reusing the $appeals appeals seeded in $data_dir on $(date -r "$seeded" '+%Y-%m-%d %H:%M')"
  else
    log "$label: seeding $appeals appeals"
    # Not pinned: the seed makes appeals on one core while it writes them on the other.
    # The seeder reads the app's settings (app_env): the same database, phone-hash key and key-ring certificate.
    if ! (cd "$seeder" && app_env "$provider" "$conn" dotnet "$seeder/Bozhou.Hotline.Bench.dll" --cadres 1000 --appeals "$appeals") >"$work/seed.log" 2>&1; then
      tail -n 20 "$work/seed.log" >&2
      row "supervision on $label" "seed failed" "—" "—"; return
    fi
    grep '^seed-bench' "$work/seed.log" >&2
    if [ -n "$seeded" ]; then grep '^seed-bench' "$work/seed.log" >"$seeded"; fi
  fi
  start_server "$provider" "$conn" /healthz/live || { row "supervision on $label" "server did not start" "—" "—"; return; }
  auth=$(sign_in)
  for path in /supervision "/supervision/scorecards?period=2026"; do
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $auth" "$base$path")
    if [ "$code" != 200 ]; then
      row "\`$path\`, $label, $appeals appeals" "not available (HTTP $code)" "—" "p95 ≤ 200 ms: not measured"
      continue
    fi
    measure "$path" 8 "$auth"
    row "\`$path\`, $label, $appeals appeals, 8 connections" "$rps req/s, p95 $p95 ms, p99 $p99 ms, $errs errors" "$(ratio "$rps" "$base_rps")" "p95 ≤ 200 ms: $(verdict_le_clean "$p95" 200 "$errs")"
    # One user alone: the page's own time, without the queue that 8 connections make on one core.
    measure "$path" 1 "$auth"
    row "\`$path\`, $label, $appeals appeals, 1 connection" "$rps req/s, p95 $p95 ms, p99 $p99 ms, $errs errors" "$(ratio "$rps" "$base_rps")" "(for reading the row above)"
  done
  stop_server
  if [ "$provider" = Postgres ]; then supervision_scaled "$label" "$conn"; fi
}

# --- Scale-out on PostgreSQL: nginx in front of one, then two instances on one database --------------------------
# Every instance runs on the server's core (taskset -c 0), so both rows have the same CPU for the app: the second
# row shows what splitting the work over two processes costs or gains, and that nothing breaks when consecutive
# requests of one client land on different instances (antiforgery tokens, sign-in cookies, the submission limit).
# nginx runs on wrk's core in both rows. Without nginx the rows say so.
no_nginx="not measured (no nginx: install Debian's nginx, or set BENCH_NGINX)"

# /supervision, signed in as the supervisor, through nginx in front of 1, then 2 instances on the seeded database.
supervision_scaled() {
  local label=$1 conn=$2 n i c auth code what split
  for n in 1 2; do
    what="\`/supervision\`, $label, $appeals appeals, 8 connections, $(instances "$n") behind nginx"
    if [ -z "$nginx_bin" ]; then row "$what" "$no_nginx" "—" "—"; continue; fi
    log "/supervision on $label, $(instances "$n") behind nginx"
    if start_instances "$n" Postgres "$conn" && start_nginx; then
      auth=$(sign_in)
      # wrk counts a redirect to the sign-in page as a success: the cookie must open the page on every instance
      # (round robin: n requests in a row reach each instance once).
      code=200
      for ((i = 0; i < n; i++)); do
        c=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $auth" "$base/supervision"); [ "$c" = 200 ] || code=$c
      done
      if [ "$code" = 200 ]; then
        measure /supervision 8 "$auth"
        split=""; if [ "$n" -gt 1 ]; then split="; $(nginx_split) (warm-up included)"; fi
        row "$what" "$rps req/s, p95 $p95 ms, p99 $p99 ms, $errs errors$split" "$(ratio "$rps" "$base_rps")" "p95 ≤ 200 ms: $(verdict_le_clean "$p95" 200 "$errs")"
      else
        row "$what" "not available (HTTP $code through nginx)" "—" "p95 ≤ 200 ms: not measured"
      fi
    else
      row "$what" "did not start" "—" "—"
    fi
    stop_nginx; stop_server
  done
}

# Appeal submissions through nginx in front of 1, then 2 instances, each on a new database of the cluster with the
# demo data (as the SQLite row), dropped afterwards. The instances start at once: they take turns migrating.
submissions_scaled() {
  local n db label cadre
  for n in 1 2; do
    db="bench_submit_$n"; label="PostgreSQL, $(instances "$n") behind nginx"
    if [ -z "$nginx_bin" ]; then row "appeal submission ($label)" "$no_nginx" "—" "—"; continue; fi
    log "appeal submission on $label, ${submit_duration} s"
    if psql_q postgres -c "drop database if exists $db" -c "create database $db" >/dev/null \
       && start_instances "$n" Postgres "Host=127.0.0.1;Port=$pg_port;Username=hotline;Database=$db" && start_nginx; then
      cadre=$(curl -s "$base/directory" | grep -o 'href="/directory/cadres/[0-9]*"' | head -n 1 | grep -o '[0-9]*')
      if [ -n "$cadre" ]; then submissions "$label" Postgres "$db" "$cadre"
      else row "appeal submission ($label)" "no cadre on /directory" "—" "—"; fi
    else
      row "appeal submission ($label)" "did not start" "—" "—"
    fi
    stop_nginx; stop_server
    psql_q postgres -c "drop database if exists $db" >/dev/null
  done
}

# The pages come with the supervision feature; without them there is nothing to seed for.
start_server Sqlite "Data Source=$demo_db" /healthz/live || exit 1
auth=$(sign_in)
probe=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $auth" "$base/supervision")
stop_server
if [ "$probe" = 404 ]; then
  row "supervision queues and yearly scorecard" "not available (no /supervision in this build)" "—" "p95 ≤ 200 ms: not measured"
elif [ -n "$data_dir" ]; then
  # A database whose seed did not finish is started again from nothing.
  [ -f "$data_dir/sqlite-$appeals.seeded" ] || rm -f "$data_dir/sqlite-$appeals.db" "$data_dir/sqlite-$appeals.db-wal" "$data_dir/sqlite-$appeals.db-shm"
  supervision SQLite Sqlite "Data Source=$data_dir/sqlite-$appeals.db" "$data_dir/sqlite-$appeals.seeded"
else
  supervision SQLite Sqlite "Data Source=$work/bench.db"
fi

# --- PostgreSQL: supervision (one instance, then the scale-out rows) and scale-out submissions -------------------
if [ "$postgres" = 1 ] && [ -x "$(pg_bin)/initdb" ]; then
  if [ -n "$data_dir" ]; then
    pg_dir="$data_dir/pg-$appeals"; pg_keep=1; mkdir -p "$pg_dir"
    [ -f "$pg_dir/seeded" ] || rm -rf "$pg_dir/data"
  else
    pg_dir=$(mktemp -d /tmp/hotline-bench-pg.XXXXXX)
  fi
  chmod 755 "$pg_dir"
  [ "$(id -u)" = 0 ] && chown postgres "$pg_dir"
  pg_port=$(free_port)
  # A quarter of the memory for PostgreSQL's buffers, between 128 MB and 4 GB (3.5 million appeals' indexes
  # are larger than the 512 MB used before, and every page that misses them is read again).
  pg_buffers_mb=$(awk '/^MemTotal/ { m = int($2 / 1024 / 4); if (m > 4096) m = 4096; if (m < 128) m = 128; print m }' /proc/meminfo)
  if { [ -f "$pg_dir/data/PG_VERSION" ] || run_pg "$(pg_bin)/initdb" -D "$pg_dir/data" -U hotline --auth=trust -E UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log" 2>&1; } \
     && run_pg "$(pg_bin)/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
          -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c shared_buffers=${pg_buffers_mb}MB" start >/dev/null; then
    if [ "$probe" != 404 ]; then
      supervision PostgreSQL Postgres "Host=127.0.0.1;Port=$pg_port;Username=hotline;Database=postgres" "${data_dir:+$pg_dir/seeded}"
    fi
    submissions_scaled
  else
    row "PostgreSQL rows" "PostgreSQL did not start" "—" "—"
  fi
else
  row "supervision and scale-out on PostgreSQL" "not measured (no PostgreSQL or --no-postgres)" "—" "—"
fi

echo
echo "| what | measured (median of $runs run(s), ${duration} s each) | vs baseline req/s | goal |"
echo "|---|---|---|---|"
printf '%s\n' "${rows[@]}"
