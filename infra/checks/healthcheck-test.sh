#!/bin/bash
# Exercises docker/healthcheck.sh (the image's HEALTHCHECK) against loopback servers:
# 200 -> healthy; 503 -> unhealthy; nothing listening -> unhealthy; accepts but never answers -> unhealthy within
# the read timeout; SERVER_PORT missing -> unhealthy.
set -uo pipefail
source "$(dirname "$0")/lib/common.sh"
probe="$SR_ROOT/docker/healthcheck.sh"
pids=()
stop_servers() { local p; for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; }
trap stop_servers EXIT

start() { # status -> sets PORT (no command substitution: the server's pid must be recorded in this shell)
  PORT=$(free_port)
  python3 "$SR_CHECKS/lib/echo_upstream.py" "$PORT" "$1" >/dev/null 2>&1 & pids+=($!)
  wait_for_port "$PORT" 10 || { echo "FAIL: test server did not start" >&2; exit 1; }
}
run() { SERVER_PORT="$1" HEALTHCHECK_READ_TIMEOUT_SECONDS=2 timeout 10 bash "$probe" 2>/dev/null; echo $?; }

start 200; ok=$PORT; start 503; bad=$PORT; start 0; hang=$PORT; closed=$(free_port)
[[ $(run "$ok") == 0 ]] || fail "200 on /health judged unhealthy"
[[ $(run "$bad") == 1 ]] || fail "503 on /health judged healthy"
[[ $(run "$closed") == 1 ]] || fail "closed port judged healthy"
start_s=$SECONDS; r=$(run "$hang")
[[ $r == 1 && $((SECONDS - start_s)) -le 5 ]] || fail "silent server: exit $r after $((SECONDS - start_s))s (expected 1 within the read timeout)"
[[ $(SERVER_PORT='' timeout 5 bash "$probe" 2>/dev/null; echo $?) == 1 ]] || fail "missing SERVER_PORT judged healthy"
grep -q 'GET /health ' "$probe" || fail "probe does not request /health"
(( SR_FAILED )) && exit 1
echo "healthcheck.sh: 200 healthy; 503, closed port, silent server (2 s timeout), missing SERVER_PORT unhealthy"
