# shellcheck shell=bash
# Shared by benchmarks/booking/run.sh and benchmarks/reminder/run.sh (sourced, not run): provisions the tools and
# servers they need (scripts/lib/services.sh), builds what the benchmarks need from this checkout, starts a single-node KRaft Kafka broker (the jars and settings of scripts/run-local.sh, on
# benchmark ports), serves a stand-in JWKS, and stops every process it started on exit.
# Ports: 18100 broker, 18101 controller, 18102 JWKS, 18110.. services.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bench_pids=()
bench_stop() {
  for pid in "${bench_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap bench_stop EXIT
trap 'exit 130' INT TERM
say() { printf '[bench] %s\n' "$*" >&2; }
port_open() { (echo >"/dev/tcp/127.0.0.1/$1") >/dev/null 2>&1; }
KAFKA=127.0.0.1:18100
JWKS_PORT=18102

# What the benchmarks run on, installed and started when missing on Debian as root (else: what to install).
# shellcheck source=scripts/lib/services.sh
source "$root/scripts/lib/services.sh"
SERVICES_PREFIX='[bench]'
need_tools wrk:wrk jq:jq curl:curl python3:python3 || exit 2
need_mariadb || exit 2
need_redis || exit 2

# Builds the jars of the given modules (and what they depend on) and writes each one's runtime classpath to
# <module>/target/classpath.txt, for the benchmark clients. SKIP_BUILD=1 reuses an earlier build.
bench_build() { # modules (comma-separated)
  if [ "${SKIP_BUILD:-}" = 1 ] && [ -f "$root/${1%%,*}/target/classpath.txt" ]; then return; fi
  say "building $1 (./mvnw package, tests skipped)…"
  (cd "$root" && ./mvnw -B -q -ntp -DskipTests -Dspotless.check.skip=true -pl "$1" -am package \
    dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime)
}

# A fresh single-node KRaft broker in $1 (a directory), listening on 127.0.0.1:18100.
bench_kafka() { # dir
  local dir=$1 libs="$root/run/kafka/libs"
  if [ ! -d "$libs" ] || [ -z "$(ls -A "$libs" 2>/dev/null)" ]; then
    say "fetching the Kafka broker jars from Maven Central…"
    (cd "$root" && ./mvnw -B -q -ntp -f infra/local/kafka/pom.xml dependency:copy-dependencies \
      -DoutputDirectory="$libs" -DincludeScope=runtime)
  fi
  port_open 18100 && { say "port 18100 is taken"; exit 1; }
  mkdir -p "$dir"
  sed -e "s#^process.roles#log.dirs=$dir/data\nprocess.roles#" -e 's/:9092/:18100/g' -e 's/:9093/:18101/g' \
    "$root/infra/local/kafka/server.properties" > "$dir/server.properties"
  local kjava=(java -Dlog4j2.configurationFile="$root/infra/local/kafka/log4j2.properties" -cp "$libs/*")
  "${kjava[@]}" kafka.tools.StorageTool format -t "$("${kjava[@]}" kafka.tools.StorageTool random-uuid | tail -1)" \
    -c "$dir/server.properties" >"$dir/format.log" 2>&1
  "${kjava[@]}" -Xmx512m kafka.Kafka "$dir/server.properties" >"$dir/kafka.log" 2>&1 &
  bench_pids+=($!)
  for _ in $(seq 1 60); do port_open 18100 && break; sleep 1; done
  port_open 18100 || { say "Kafka did not start; see $dir/kafka.log"; exit 1; }
}

# A stand-in for the gateway's key ring: an EC key whose public JWKS is served on 127.0.0.1:18102 (python's static
# file server); `bench_token ORG ROLE` mints access tokens with it.
bench_jwks() { # dir classpath-file
  BENCH_KEYS=$1 BENCH_CP=$2
  mkdir -p "$BENCH_KEYS"
  java -cp "$(cat "$BENCH_CP")" "$root/benchmarks/booking/BookingBench.java" keys "$BENCH_KEYS"
  python3 -m http.server "$JWKS_PORT" --bind 127.0.0.1 --directory "$BENCH_KEYS" >"$BENCH_KEYS/http.log" 2>&1 &
  bench_pids+=($!)
  for _ in $(seq 1 20); do port_open "$JWKS_PORT" && break; sleep 0.5; done
}
bench_token() { java -cp "$(cat "$BENCH_CP")" "$root/benchmarks/booking/BookingBench.java" token "$BENCH_KEYS" "$1" "$2"; }

# Starts a service jar with the given environment (extra args: VAR=value ...) and waits until /readiness is 200.
bench_service() { # name jar port log [VAR=value...]
  local name=$1 jar=$2 port=$3 log=$4; shift 4
  env SERVER_PORT="$port" KAFKA_BOOTSTRAP_SERVERS=$KAFKA JWKS_URI="http://127.0.0.1:$JWKS_PORT/.well-known/jwks.json" \
    MYSQL_USER=root MYSQL_PASSWORD= MYSQL_MIGRATION_USER=root MYSQL_MIGRATION_PASSWORD= "$@" \
    java ${BENCH_JAVA_OPTS:--Xmx512m} -jar "$jar" >"$log" 2>&1 &
  bench_pids+=($!)
  # shellcheck disable=SC2034  # read by the benchmark that sourced this file
  BENCH_LAST_PID=$!
  for _ in $(seq 1 120); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readiness" || true)" = 200 ] && return
    sleep 1
  done
  say "$name is not ready; see $log"; exit 1
}

# CPU seconds (user + system) a process has used so far.
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$1/stat"; }
