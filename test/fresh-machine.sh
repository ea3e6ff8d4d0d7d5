#!/usr/bin/env bash
# The README's first command on a fresh machine, as a newcomer types it: a clone of this
# repository in a temporary folder, a HOME of its own holding only the machine's own npm and git
# configuration (no npm cache, no Maven repository, no node-gyp headers, no models), no ileanet
# variable set, then `npm ci && npm run demo` until the server answers /api/health and a
# who-solved request reports mode `hybrid`.
#
#   bash test/fresh-machine.sh [repo]     (default: this checkout's committed HEAD)
#
# .ci/run runs it before `npm test`. Exit 0 on success; otherwise the demo's output is printed.
set -euo pipefail
repo="$(cd "${1:-$(dirname "$0")/..}" && pwd)"
port=8080 # the README's command serves on the default port
limit=${FRESH_MACHINE_TIMEOUT:-900}

if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "fresh-machine: port $port is taken; the README's command serves there, so stop that server first" >&2
  exit 1
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/ileanet-fresh.XXXXXX")"
demo_pid=""
cleanup() {
  if [ -n "$demo_pid" ]; then
    kill -INT -- "-$demo_pid" 2>/dev/null || true
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 -- "-$demo_pid" 2>/dev/null || break; sleep 1; done
    kill -KILL -- "-$demo_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

git clone -q "$repo" "$work/ileanet"
mkdir -p "$work/home"
# What a new machine of this kind comes with in root's home (its npm config names the registry,
# its CA file and node-gyp's header folder); everything a previous run left is not copied.
for f in .npmrc .gitconfig; do if [ -f "$HOME/$f" ]; then cp "$HOME/$f" "$work/home/$f"; fi; done
log="$work/demo.log"
# Created here: the background command below opens it in its own forked process, which a loaded
# machine may schedule after the first look at the log (sed would then fail on a missing file).
: >"$log"
# Only PATH and the locale survive: no npm config, no ILEANET_*, no CI, no caches.
clean_env=(env -i "PATH=$PATH" "HOME=$work/home" "LANG=${LANG:-C.UTF-8}" "TERM=dumb")
start=$SECONDS
echo "fresh-machine: npm ci && npm run demo in $work/ileanet (HOME=$work/home)"
# setsid: the command and everything it starts form one process group, stopped together at exit.
setsid "${clean_env[@]}" bash -c 'cd "$1" && npm ci && npm run demo' _ "$work/ileanet" >"$log" 2>&1 &
demo_pid=$!

base="http://127.0.0.1:$port"
token=""
while :; do
  if ! kill -0 "$demo_pid" 2>/dev/null; then
    echo "fresh-machine: the command exited before serving; its output:" >&2
    cat "$log" >&2
    exit 1
  fi
  if [ $((SECONDS - start)) -gt "$limit" ]; then
    echo "fresh-machine: not serving after ${limit} s; its output:" >&2
    cat "$log" >&2
    exit 1
  fi
  token="$(sed -n 's/^  officer  *\([^ ]*\) .*/\1/p' "$log" | head -n 1)"
  if [ -n "$token" ] && curl -fsS "$base/api/health" >/dev/null 2>&1; then break; fi
  sleep 2
done
echo "fresh-machine: serving after $((SECONDS - start)) s"

answer="$(curl -fsS -H "Authorization: Bearer $token" "$base/api/who-solved?text=drone+detection+at+prisons")"
mode="$(printf '%s' "$answer" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const a=JSON.parse(s);process.stdout.write(String(a.mode))})')"
if [ "$mode" != "hybrid" ]; then
  echo "fresh-machine: who-solved answered in mode '$mode', not hybrid; the demo said:" >&2
  cat "$log" >&2
  exit 1
fi
curl -fsS "$base/" | grep -q '<div id="root"' || {
  echo "fresh-machine: the dashboard is not served at $base/" >&2
  exit 1
}
echo "fresh-machine: ok: /api/health answers, who-solved in mode hybrid, dashboard served ($((SECONDS - start)) s)"
