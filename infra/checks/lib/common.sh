#!/bin/bash
# Helpers shared by the check scripts (sourced). Each check prints its own failures to stderr and exits non-zero.

# Repository root (two levels up from infra/checks/lib).
SR_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
export SR_ROOT
SR_CHECKS="$SR_ROOT/infra/checks"
export SR_CHECKS
# Where the checks keep downloaded tooling (npm packages, Maven jars) between runs.
SR_CACHE="${SR_CHECKS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/scheduleright-checks}"
export SR_CACHE

export SR_FAILED=0
fail() { echo "FAIL: $*" >&2; SR_FAILED=1; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

wait_for_port() { # port [seconds]
  local port="$1" deadline=$((SECONDS + ${2:-10}))
  while (( SECONDS < deadline )); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  return 1
}

python_with_yaml() {
  # Prints a python3 that can import yaml (the pyenv one on this machine kind, else Debian's).
  local candidate
  for candidate in python3 /usr/bin/python3; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import yaml' 2>/dev/null; then
      command -v "$candidate"; return 0
    fi
  done
  return 1
}
