#!/usr/bin/env bash
# Runs every test on the real parts: SQLite, a throwaway PostgreSQL server and Debian's Chromium.
# Installs Chromium, PostgreSQL, nginx, wrk and systemd (for systemd-analyze) from Debian packages when they are missing (needs root or sudo).
# Ends with one line: "tests: N passed, N failed, N skipped"; exits non-zero when anything failed.
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
results="$root/test-results"
rm -rf "$results" && mkdir -p "$results"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ] || need+=(postgresql)
# Screenshots need Chinese glyphs, not boxes.
fc-list :lang=zh 2>/dev/null | grep -q . || need+=(fonts-noto-cjk)
# The bench scripts' smoke test drives wrk.
command -v wrk >/dev/null 2>&1 || need+=(wrk)
# The reverse-proxy tests put the app behind a throwaway nginx (TLS, X-Forwarded-For, X-Forwarded-Proto).
nginx_bin() { command -v nginx 2>/dev/null || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; }; }
[ -n "$(nginx_bin)" ] || need+=(nginx)
# The deploy tests check the shipped systemd units with systemd-analyze verify.
command -v systemd-analyze >/dev/null 2>&1 || [ -x /usr/bin/systemd-analyze ] || need+=(systemd)
if [ ${#need[@]} -gt 0 ]; then
  echo "== installing ${need[*]} from Debian packages"
  as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
    || echo "!! could not install ${need[*]}; the tests that need them will say so"
fi

# nginx is in /usr/sbin, not on a non-root PATH: the tests find it through HOTLINE_TEST_NGINX.
[ -n "$(nginx_bin)" ] && export HOTLINE_TEST_NGINX="$(nginx_bin)"

# A throwaway PostgreSQL cluster in a temporary folder on a free local port.
pg_dir=""
cleanup() {
  if [ -n "$pg_dir" ]; then
    run_pg "$(pg_bin)/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1
    rm -rf "$pg_dir"
  fi
}
trap cleanup EXIT
run_pg() {
  # initdb and postgres refuse to run as root; run them as the postgres system user then.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ -n "$(pg_bin)" ]; then
  pg_dir=$(mktemp -d /tmp/hotline-pg.XXXXXX)
  chmod 755 "$pg_dir"
  [ "$(id -u)" = 0 ] && chown postgres "$pg_dir"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || echo 55432)
  if run_pg "$(pg_bin)/initdb" -D "$pg_dir/data" -U hotline --auth=trust -E UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log" 2>&1 \
     && run_pg "$(pg_bin)/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
          -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null; then
    export HOTLINE_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=hotline;Database=postgres;Pooling=true"
    echo "== PostgreSQL $("$(pg_bin)/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
  else
    echo "!! PostgreSQL did not start:"; cat "$pg_dir/initdb.log" "$pg_dir/server.log" 2>/dev/null | tail -n 20
  fi
fi

# Hundreds of app instances start during the tests: poll for file changes instead of taking one inotify
# instance each (the kernel allows 128 per user), and do not watch appsettings at all.
export DOTNET_USE_POLLING_FILE_WATCHER=true
export DOTNET_hostBuilder__reloadConfigOnChange=false

echo "== building"
dotnet tool restore >/dev/null
if ! dotnet build Bozhou.Hotline.sln -c Release -nologo -clp:ErrorsOnly 2>&1 | tee "$results/build.log"; then
  echo "tests: 0 passed, 1 failed, 0 skipped"
  exit 1
fi

echo "== testing (SQLite, PostgreSQL provider suite, Chromium)"
dotnet test Bozhou.Hotline.sln -c Release --no-build --nologo \
  --logger "console;verbosity=normal" --results-directory "$results" --blame-hang-timeout 10m 2>&1 | tee "$results/test.log"
status=${PIPESTATUS[0]}

mkdir -p "$results/screenshots"
find tests -path '*/bin/Release/*/screenshots/*.png' -exec cp {} "$results/screenshots/" \; 2>/dev/null

# Each test project ends with a block "Total tests: N / Passed: N / Failed: N / Skipped: N".
summary=$(awk '/^ +Passed: [0-9]+$/ { p += $2 } /^ +Failed: [0-9]+$/ { f += $2 } /^ +Skipped: [0-9]+$/ { s += $2 }
  END { printf "%d %d %d", p, f, s }' "$results/test.log")
read -r passed failed skipped <<<"${summary:-0 0 0}"
grep -E '^  (Skipped|Failed) ' "$results/test.log" | sed 's/^/   /' | head -n 50
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
