#!/usr/bin/env bash
# Runs the whole ScheduleRight platform on this machine: a real Kafka broker (KRaft, from the Kafka jars on Maven
# Central, as a child process), the three services built from this checkout, MySQL/MariaDB and Redis on localhost.
# Ctrl-C stops everything it started. Files go to run/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
run="$root/run"
mkdir -p "$run/logs"

say() { printf '\033[1m[scheduleright]\033[0m %s\n' "$*"; }
port_open() { (echo >"/dev/tcp/$1/$2") >/dev/null 2>&1; }

pids=()
stop_all() {
  say "stopping…"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  say "stopped"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

# 1. MySQL/MariaDB and Redis on localhost (or where MYSQL_HOST / REDIS_URL point). On Debian as root, missing local
# servers are installed and started (scripts/lib/services.sh, as for the tests and CI); elsewhere the script says
# exactly what to install.
# shellcheck source=scripts/lib/services.sh
source "$root/scripts/lib/services.sh"
SERVICES_PREFIX=$(printf '\033[1m[scheduleright]\033[0m')
is_local() { case $1 in 127.0.0.1|localhost|::1) return 0 ;; *) return 1 ;; esac; }
mysql_host=${MYSQL_HOST:-127.0.0.1}; mysql_port=${MYSQL_PORT:-3306}
redis_url=${REDIS_URL:-redis://127.0.0.1:6379}
redis_hostport=${redis_url#*://}; redis_hostport=${redis_hostport##*@}; redis_hostport=${redis_hostport%%/*}
need_tools curl:curl jq:jq python3:python3 || { say "install the tools above and run $0 again"; exit 1; }
if is_local "$mysql_host" && [ "$mysql_port" = 3306 ]; then
  need_mariadb || { say "then run $0 again"; exit 1; }
elif ! port_open "$mysql_host" "$mysql_port"; then
  say "MySQL/MariaDB is not reachable on $mysql_host:$mysql_port (MYSQL_HOST/MYSQL_PORT); start it there or unset them"
  exit 1
fi
if is_local "${redis_hostport%%:*}" && [ "${redis_hostport##*:}" = 6379 ]; then
  need_redis || { say "then run $0 again"; exit 1; }
elif ! port_open "${redis_hostport%%:*}" "${redis_hostport##*:}"; then
  say "Redis is not reachable on $redis_hostport (REDIS_URL); start it there or unset REDIS_URL"
  exit 1
fi

# 2. The service jars.
if [ ! -f gateway/target/gateway.jar ] || [ ! -f booking-service/target/booking-service.jar ] \
   || [ ! -f reminder-service/target/reminder-service.jar ] || [ "${REBUILD:-}" = 1 ]; then
  say "building the services (./mvnw -DskipTests package)…"
  ./mvnw -B -q -ntp -DskipTests package
fi

# 3. Databases and users (idempotent).
MYSQL_ADMIN_HOST=$mysql_host MYSQL_ADMIN_PORT=$mysql_port infra/mysql/apply.sh | sed 's/^/[mysql] /'

# 4. Kafka (KRaft, single node) unless KAFKA_BOOTSTRAP_SERVERS points elsewhere.
if [ -z "${KAFKA_BOOTSTRAP_SERVERS:-}" ]; then
  export KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092
  if port_open 127.0.0.1 9092; then
    say "a Kafka broker already listens on 127.0.0.1:9092; using it"
  else
    libs="$run/kafka/libs"
    if [ ! -d "$libs" ] || [ -z "$(ls -A "$libs" 2>/dev/null)" ]; then
      say "fetching the Kafka broker jars from Maven Central…"
      ./mvnw -B -q -ntp -f infra/local/kafka/pom.xml dependency:copy-dependencies \
        -DoutputDirectory="$libs" -DincludeScope=runtime
    fi
    data="$run/kafka/data"
    sed "s#^process.roles#log.dirs=$data\nprocess.roles#" infra/local/kafka/server.properties > "$run/kafka/server.properties"
    kjava=(java -Dlog4j2.configurationFile="$root/infra/local/kafka/log4j2.properties" -cp "$libs/*")
    if [ ! -f "$data/meta.properties" ]; then
      "${kjava[@]}" kafka.tools.StorageTool format -t "$("${kjava[@]}" kafka.tools.StorageTool random-uuid | tail -1)" \
        -c "$run/kafka/server.properties" >"$run/logs/kafka-format.log" 2>&1
    fi
    "${kjava[@]}" -Xmx512m kafka.Kafka "$run/kafka/server.properties" >"$run/logs/kafka.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 1 60); do port_open 127.0.0.1 9092 && break; sleep 1; done
    port_open 127.0.0.1 9092 || { say "Kafka did not start; see $run/logs/kafka.log"; exit 1; }
    say "Kafka broker (KRaft) on 127.0.0.1:9092"
  fi
fi

# 5. The first admin: generated once and printed once.
if [ -z "${ADMIN_PASSWORD:-}" ]; then
  if [ -f "$run/admin.env" ]; then
    # shellcheck disable=SC1091
    . "$run/admin.env"
    first_run=false
  else
    ADMIN_EMAIL=${ADMIN_EMAIL:-admin@scheduleright.local}
    ADMIN_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
    printf 'ADMIN_EMAIL=%s\nADMIN_PASSWORD=%s\n' "$ADMIN_EMAIL" "$ADMIN_PASSWORD" > "$run/admin.env"
    chmod 600 "$run/admin.env"
    first_run=true
  fi
  export ADMIN_EMAIL ADMIN_PASSWORD
fi
export REDIS_URL=$redis_url MYSQL_HOST=$mysql_host MYSQL_PORT=$mysql_port
export CORS_ORIGIN=${CORS_ORIGIN:-http://localhost:3000}
# roomier limits than the defaults so that the demo and manual trials can be repeated from one IP
export RATE_LIMIT_STANDARD=${RATE_LIMIT_STANDARD:-1000} RATE_LIMIT_AUTH=${RATE_LIMIT_AUTH:-50} \
  RATE_LIMIT_PUBLIC=${RATE_LIMIT_PUBLIC:-200}

# 5b. Without a Twilio account, SMS go to a local stand-in for Twilio's API (scripts/lib/local_twilio.py, port 3009)
# with a local auth token (run/twilio.env), so that reminders are "sent" and webhooks, replies included, can be signed
# the way Twilio signs them (scripts/demo.sh); nothing leaves the machine.
if [ -z "${TWILIO_ACCOUNT_SID:-}" ]; then
  if [ ! -f "$run/twilio.env" ]; then
    printf 'TWILIO_AUTH_TOKEN=%s\n' "$(head -c 24 /dev/urandom | base64 | tr -d '/+=')" > "$run/twilio.env"
    chmod 600 "$run/twilio.env"
  fi
  # shellcheck disable=SC1091
  . "$run/twilio.env"
  python3 scripts/lib/local_twilio.py 3009 >"$run/logs/local-twilio.log" 2>&1 &
  pids+=($!)
  export TWILIO_ACCOUNT_SID=AC00000000000000000000000000000000 TWILIO_AUTH_TOKEN
  export TWILIO_PHONE_NUMBER=${TWILIO_PHONE_NUMBER:-+15005550006} TWILIO_API_BASE_URL=http://127.0.0.1:3009
  say "SMS go to the local Twilio stand-in on http://127.0.0.1:3009/messages (nothing is sent)"
fi

start() { # name jar port
  say "starting $1 on port $3"
  SERVER_PORT=$3 java -Xmx384m -jar "$2" >"$run/logs/$1.log" 2>&1 &
  pids+=($!)
}
start booking-service booking-service/target/booking-service.jar 3002
# Twilio calls the webhooks through the gateway: signatures are made for that URL
SERVER_URL=${SERVER_URL:-http://localhost:3001} start reminder-service reminder-service/target/reminder-service.jar 3003
start gateway gateway/target/gateway.jar 3001

for svc in gateway:3001 booking-service:3002 reminder-service:3003; do
  name=${svc%%:*}; port=${svc##*:}
  for _ in $(seq 1 120); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readiness" || true)
    [ "$code" = 200 ] && break
    sleep 1
  done
  [ "$code" = 200 ] && say "$name is ready" || say "$name is not ready yet (readiness $code); see $run/logs/$name.log"
done

# 6. Demo data, once: an organisation, a site and two weeks of weekday availability (again when the site of an
# earlier run is gone, e.g. after scripts/reset-local.sh or a dropped database).
api=http://127.0.0.1:3001
if [ -f "$run/demo.env" ]; then
  # shellcheck disable=SC1091
  . "$run/demo.env"
  if [ "$(curl -s -o /dev/null -w '%{http_code}' "$api/api/public/sites/${DEMO_SITE_ID:-none}/info")" = 404 ]; then
    say "the demo site of an earlier run is gone; creating the demo data again"
    rm -f "$run/demo.env"; DEMO_SITE_ID=
  fi
fi
if [ ! -f "$run/demo.env" ] && [ "${code:-}" = 200 ]; then
  login=$(curl -s -w '\n%{http_code}' -X POST "$api/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "$(jq -n --arg e "$ADMIN_EMAIL" --arg p "$ADMIN_PASSWORD" '{email:$e,password:$p}')")
  token=$(jq -r '.accessToken // empty' <<<"${login%$'\n'*}" 2>/dev/null || true)
  if [ -n "$token" ]; then
    auth=(-H "Authorization: Bearer $token" -H 'Content-Type: application/json')
    org=$(curl -s -X POST "$api/api/v1/orgs" "${auth[@]}" -d '{"name":"Demo Care Centre","timezone":"Europe/London"}' | jq -r '.id // empty')
    site=$(curl -s -X POST "$api/api/v1/orgs/$org/sites" "${auth[@]}" -d '{"name":"Demo clinic","timezone":"Europe/London"}' | jq -r '.id // empty')
    slots=$(curl -s -X POST "$api/api/v1/sites/$site/availability" "${auth[@]}" -d "$(jq -n \
      --arg from "$(date -u +%F)" --arg until "$(date -u -d '+14 days' +%F)" \
      '{recurrence:"weekly",daysOfWeek:[1,2,3,4,5],startTime:"09:00",endTime:"17:00",durationMinutes:30,capacity:2,from:$from,until:$until}')" \
      | jq -r '.total // empty')
    if [ -n "$org" ] && [ -n "$site" ] && [ -n "$slots" ]; then
      printf 'DEMO_ORG_ID=%s\nDEMO_SITE_ID=%s\n' "$org" "$site" > "$run/demo.env"
      DEMO_SITE_ID=$site
      say "demo data: organisation $org, site $site with $slots weekday slots (run/demo.env)"
    else
      say "could not create the demo data; see $run/logs/"
    fi
  elif [ "${login##*$'\n'}" = 401 ]; then
    say "the admin credentials in run/admin.env ($ADMIN_EMAIL) do not match the identity database, which already"
    say "had users when they were generated; no demo data. To start afresh: Ctrl-C, scripts/reset-local.sh, run again"
  else
    say "could not log in as the admin to create the demo data (HTTP ${login##*$'\n'}); see $run/logs/gateway.log"
  fi
elif [ -f "$run/demo.env" ]; then
  say "demo data from an earlier run: $(tr '\n' ' ' < "$run/demo.env")"
fi

say "ScheduleRight is running:"
say "  API (gateway)      http://localhost:3001   e.g. curl http://localhost:3001/status"
say "  API docs           http://localhost:3001/docs (Swagger UI), http://localhost:3001/v3/api-docs (OpenAPI 3.1)"
say "  booking-service    http://localhost:3002/status (internal)"
say "  reminder-service   http://localhost:3003/status (internal)"
say "  logs               $run/logs/"
if [ "${first_run:-false}" = true ]; then
  say "  admin login        $ADMIN_EMAIL / $ADMIN_PASSWORD   (printed once; kept in run/admin.env)"
else
  say "  admin login        ${ADMIN_EMAIL:-see run/admin.env} (password in run/admin.env)"
fi
say "Press Ctrl-C to stop. Book a visit at the demo site:"
if [ -n "${DEMO_SITE_ID:-}" ]; then
  say "  http://localhost:3001/book/$DEMO_SITE_ID"
else
  say "  (no demo site: see the messages above)"
fi
wait
