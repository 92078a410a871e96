#!/bin/bash
# Container HEALTHCHECK for the ScheduleRight services: GET /health (liveness) on the service's own port.
# Uses bash's /dev/tcp so the runtime image needs no curl/wget and starts no second JVM inside the 512 MiB limit.
# Exit 0 only on an HTTP 200 status line; any refusal, timeout or other status exits 1.
set -u

port="${SERVER_PORT:-}"
read_timeout="${HEALTHCHECK_READ_TIMEOUT_SECONDS:-2}"

if [[ ! "$port" =~ ^[0-9]{1,5}$ ]]; then
  echo "healthcheck: SERVER_PORT is not a port number: '${port}'" >&2
  exit 1
fi

if ! exec 3<>"/dev/tcp/127.0.0.1/${port}"; then
  echo "healthcheck: cannot connect to 127.0.0.1:${port}" >&2
  exit 1
fi

printf 'GET /health HTTP/1.1\r\nHost: localhost\r\nUser-Agent: container-healthcheck\r\nAccept: application/json\r\nConnection: close\r\n\r\n' >&3

status_line=""
if ! IFS= read -r -t "$read_timeout" status_line <&3; then
  echo "healthcheck: no response from 127.0.0.1:${port}/health within ${read_timeout}s" >&2
  exit 1
fi
exec 3<&- 3>&-

status_line="${status_line%$'\r'}"
if [[ "$status_line" =~ ^HTTP/1\.[01]\ 200(\ |$) ]]; then
  exit 0
fi
echo "healthcheck: /health answered '${status_line}'" >&2
exit 1
