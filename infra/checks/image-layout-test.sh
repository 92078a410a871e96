#!/bin/bash
# The image build and the migration Job, exercised without a Docker engine on a stand-in Spring Boot 4.0.7 service
# (infra/checks/image-layout): builds its jar, runs the Dockerfile's own extraction command (read from the
# Dockerfile), merges the four layer directories as the COPY instructions do, then
#  1. starts the Dockerfile's ENTRYPOINT with its JAVA_TOOL_OPTIONS (an invalid JVM flag fails here) as uid 1001 if
#     possible, and requires docker/healthcheck.sh to report healthy;
#  2. runs the migration Job's command (-Dspring.context.exit=onRefresh) against the local MariaDB: it must exit 0,
#     leave the Liquibase table created, and never open the HTTP port;
#  3. runs it again with an unusable database: it must exit non-zero.
# If the real service jars exist (./mvnw package ran), their extraction is checked as well.
set -uo pipefail
source "$(dirname "$0")/lib/common.sh"
dockerfile="$SR_ROOT/docker/Dockerfile"
work=$(mktemp -d); chmod 755 "$work"
db="sr_image_check_$$"
pids=()
client=$(command -v mysql || command -v mariadb)
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null
  "$client" --protocol=TCP -h 127.0.0.1 -u root -e "DROP DATABASE IF EXISTS \`$db\`" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

extract_args=$(grep -o 'java -Djarmode=tools -jar application.jar extract [^\\&]*' "$dockerfile" | head -1 | sed 's/^java -Djarmode=tools -jar application.jar //')
[[ "$extract_args" == *"--destination extracted"* ]] || { echo "FAIL: extraction command not found in the Dockerfile" >&2; exit 1; }
tool_options=$(python3 - "$dockerfile" <<'PY'
import re, shlex, sys
text = re.sub(r"\\\n", " ", open(sys.argv[1]).read())
m = re.search(r'JAVA_TOOL_OPTIONS="([^"]+)"', text)
print(m.group(1))
PY
)
entrypoint=$(python3 -c 'import json,re,sys; t=open(sys.argv[1]).read(); print(" ".join(json.loads(re.findall(r"^ENTRYPOINT (\[.*\])$", t, re.M)[-1])))' "$dockerfile")

cp -r "$SR_CHECKS/image-layout" "$work/src"
(cd "$work/src" && mvn -q -B -DskipTests package >"$work/mvn.log" 2>&1) || { echo "FAIL: stand-in build: $(tail -20 "$work/mvn.log")" >&2; exit 1; }

layers() { # jar dir
  mkdir -p "$2" && cp "$1" "$2/application.jar"
  (cd "$2" && java -Djarmode=tools -jar application.jar $extract_args >/dev/null && mkdir -p extracted/snapshot-dependencies) || return 1
  for layer in dependencies spring-boot-loader application; do [[ -d "$2/extracted/$layer" ]] || { echo "missing layer $layer"; return 1; }; done
}
layers "$work/src/target/image-layout-check.jar" "$work/build" || { echo "FAIL: layer extraction" >&2; exit 1; }
mkdir -p "$work/app"
for layer in dependencies spring-boot-loader snapshot-dependencies application; do cp -a "$work/build/extracted/$layer/." "$work/app/"; done
[[ -f "$work/app/org/springframework/boot/loader/launch/JarLauncher.class" ]] || fail "JarLauncher not at the ENTRYPOINT's class path"
chmod -R a+rX "$work/app"

as_app_user=()
if [[ $(id -u) == 0 ]] && command -v setpriv >/dev/null; then as_app_user=(setpriv --reuid=1001 --regid=1001 --clear-groups); fi

"$client" --protocol=TCP -h 127.0.0.1 -u root -e "CREATE DATABASE \`$db\`" || { echo "FAIL: cannot create scratch database" >&2; exit 1; }
port=$(free_port)
run_env=(env -i PATH="$PATH" HOME=/nonexistent JAVA_TOOL_OPTIONS="$tool_options" SERVER_PORT="$port" MYSQL_DATABASE="$db")

# 2. migration Job: migrate and exit 0 without ever listening
(cd "$work/app" && timeout 120 "${as_app_user[@]}" "${run_env[@]}" java -Dspring.context.exit=onRefresh org.springframework.boot.loader.launch.JarLauncher >"$work/migrate.log" 2>&1) & mig=$!
listened=0
while kill -0 "$mig" 2>/dev/null; do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && listened=1; sleep 0.2; done
wait "$mig"; rc=$?
[[ $rc == 0 ]] || fail "migration run exited $rc: $(tail -5 "$work/migrate.log")"
(( listened )) && fail "migration run opened the HTTP port"
[[ -n $("$client" --protocol=TCP -h 127.0.0.1 -u root -N -e "SHOW TABLES FROM \`$db\` LIKE 'image_check'") ]] || fail "migration run did not apply the changelog"
grep -q "Picked up JAVA_TOOL_OPTIONS" "$work/migrate.log" || fail "JAVA_TOOL_OPTIONS from the Dockerfile not applied"

# 3. failed migration -> non-zero
(cd "$work/app" && timeout 120 "${as_app_user[@]}" env -i PATH="$PATH" JAVA_TOOL_OPTIONS="$tool_options" SERVER_PORT="$port" MYSQL_DATABASE="${db}_missing" \
   java -Dspring.context.exit=onRefresh org.springframework.boot.loader.launch.JarLauncher >"$work/migrate-fail.log" 2>&1)
[[ $? != 0 ]] || fail "migration against a missing database exited 0"

# 1. the service itself with the image's ENTRYPOINT, judged by the image's HEALTHCHECK script
(cd "$work/app" && exec "${as_app_user[@]}" "${run_env[@]}" $entrypoint >"$work/run.log" 2>&1) & pids+=($!)
healthy=0
for _ in $(seq 1 120); do
  if SERVER_PORT=$port bash "$SR_ROOT/docker/healthcheck.sh" 2>/dev/null; then healthy=1; break; fi
  sleep 0.5
done
(( healthy )) || fail "service never became healthy: $(tail -5 "$work/run.log")"
grep -q "MaxRAMPercentage" <<<"$tool_options" || fail "no heap sizing in JAVA_TOOL_OPTIONS"

checked_real=""
for svc in gateway booking-service reminder-service; do
  jar="$SR_ROOT/$svc/target/$svc.jar"
  if [[ -f "$jar" ]]; then
    layers "$jar" "$work/real-$svc" >/dev/null || fail "$svc.jar: layer extraction failed"
    checked_real+=" $svc"
  fi
done
(( SR_FAILED )) && exit 1
echo "stand-in Boot 4.0.7 jar: Dockerfile extraction + 4 layers + JarLauncher ok; runs ${as_app_user:+as uid 1001 }with the image's JVM flags; healthcheck.sh healthy; migration mode migrated, exited 0, never listened; failed migration exited non-zero; real jars extracted:${checked_real:- none built yet}"
