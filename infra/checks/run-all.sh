#!/bin/bash
# Every offline check of the platform files (issue 7): images, compose, Kubernetes, nginx, Prometheus, OTel,
# Grafana, MySQL init/config, backups. Installs what it needs when missing (apt-get, npm into a cache dir, Maven
# Central jars), prints one line per check (PASS/FAIL/SKIP name: detail) and a closing "N passed, N failed" line,
# and exits non-zero if any check failed. Logs of every check stay in the directory printed at the end.
#   infra/checks/run-all.sh            all checks
#   infra/checks/run-all.sh nginx k8s  only checks whose name contains one of the words
# Needs: root (or the tools already installed), MariaDB/MySQL on 127.0.0.1:3306 (root, empty password; override with
# TEST_MYSQL_* for the backup test), network to Debian, npm and Maven Central on the first run.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 2
source infra/checks/lib/common.sh
logs=$(mktemp -d /tmp/scheduleright-checks.XXXXXX)
passed=0 failed=0 skipped=0
filters=("$@")

say() { printf '%s\n' "$*"; }

# ------------------------------------------------------------------------------------------------ tools
ensure_tools() {
  local -A need=([nginx]=nginx [promtool]=prometheus [shellcheck]=shellcheck [openssl]=openssl [curl]=curl
                 [node]=nodejs [npm]=npm [java]=default-jdk-headless [mvn]=maven [mysql]=mariadb-client
                 [setpriv]=util-linux [gzip]=gzip [sha256sum]=coreutils [python3]=python3)
  local missing=() cmd
  for cmd in "${!need[@]}"; do command -v "$cmd" >/dev/null 2>&1 || missing+=("${need[$cmd]}"); done
  if ! python_with_yaml >/dev/null; then missing+=(python3-yaml); fi
  if ! command -v kubectl >/dev/null 2>&1; then missing+=(kubectl); fi
  if ((${#missing[@]})); then
    say "installing: ${missing[*]}"
    # Installing nginx/prometheus must not start daemons on ports 80/9090: deny service starts during the install
    # unless the machine already has a policy (container images usually do).
    local own_policy=0
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && own_policy=1; fi
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } \
      >"$logs/apt.log" 2>&1
    local rc=$?
    ((own_policy)) && rm -f /usr/sbin/policy-rc.d
    ((rc == 0)) || { say "apt-get install failed (see $logs/apt.log)"; return 1; }
  fi
  PY=$(python_with_yaml) || { say "no python3 with PyYAML"; return 1; }
  kubectl kustomize --help >/dev/null 2>&1 || { say "kubectl with kustomize not available"; return 1; }

  # npm packages, pinned by infra/checks/node/package-lock.json, installed into the cache (never into the repo)
  local nodedir="$SR_CACHE/node"
  if ! cmp -s infra/checks/node/package-lock.json "$nodedir/package-lock.json" || [[ ! -d "$nodedir/node_modules" ]]; then
    mkdir -p "$nodedir" && cp infra/checks/node/package.json infra/checks/node/package-lock.json "$nodedir/"
    (cd "$nodedir" && npm ci --no-audit --no-fund --silent) >"$logs/npm.log" 2>&1 || { say "npm ci failed (see $logs/npm.log)"; return 1; }
  fi
  export NODE_PATH="$nodedir/node_modules"

  # Kubernetes Java client models for the strict validator
  K8S_LIB="$SR_CACHE/k8s-lib-24.0.0"
  if [[ ! -f "$K8S_LIB/client-java-api-24.0.0.jar" ]]; then
    mvn -q -B -f infra/checks/k8s-strict/pom.xml dependency:copy-dependencies -DoutputDirectory="$K8S_LIB" \
      >"$logs/mvn.log" 2>&1 || { say "Maven download failed (see $logs/mvn.log)"; return 1; }
  fi
}

# ------------------------------------------------------------------------------------------------ runner
check() { # name command...
  local name="$1"; shift
  if ((${#filters[@]})); then
    local f hit=0; for f in "${filters[@]}"; do [[ "$name" == *"$f"* ]] && hit=1; done
    ((hit)) || return 0
  fi
  local log="$logs/$name.log" start=$SECONDS
  "$@" >"$log" 2>&1
  local rc=$? took=$((SECONDS - start))
  if ((rc == 0)); then
    passed=$((passed + 1)); say "PASS $name (${took}s): $(grep -v '^\s*$' "$log" | tail -n1 | cut -c1-220)"
  elif ((rc == 77)); then
    skipped=$((skipped + 1)); say "SKIP $name: $(tail -n1 "$log" | cut -c1-220)"
  else
    failed=$((failed + 1)); say "FAIL $name (${took}s): $(grep -v '^\s*$' "$log" | head -n3 | tr '\n' ' ' | cut -c1-300) [log: $log]"
  fi
}

contract_file() {
  local c
  for c in docs/CONTRACT.md ../shared/CONTRACT.md /work/shared/CONTRACT.md; do [[ -f "$c" ]] && { echo "$c"; return 0; }; done
  return 1
}

# ------------------------------------------------------------------------------------------------ checks
shell_scripts() { ls docker/healthcheck.sh docker/mysql-init/*.sh infra/backup/*.sh infra/checks/*.sh infra/checks/lib/*.sh \
  infra/mysql/apply.sh scripts/*.sh scripts/lib/*.sh benchmarks/*/*.sh .ci/run; }
c_shellcheck() {
  local scripts; mapfile -t scripts < <(shell_scripts)
  shellcheck -S warning -x "${scripts[@]}" && echo "${#scripts[@]} scripts clean at severity warning"
}
c_dockerfile_lint() { node infra/checks/node/validate.cjs dockerfile docker/Dockerfile && echo "dockerfile-utils: 0 problems"; }
c_dockerfile_policy() { "$PY" infra/checks/policy.py dockerfile docker/Dockerfile && echo "pinned FROM (no latest), USER 1001, HEALTHCHECK /health, exec ENTRYPOINT, heap sized, only layers copied"; }

c_compose_policy() {
  local contract; contract=$(contract_file) || { echo "CONTRACT.md not found (docs/ or ../shared/)"; return 1; }
  "$PY" infra/checks/policy.py compose docker-compose.yml .env.example "$contract" "$logs/compose.json" \
    && echo "hardening, healthchecks, depends_on conditions, networks, scaling, secrets and .env.example vs $contract"
}
c_compose_schema() {
  [[ -s "$logs/compose.json" ]] || { echo "no interpolated compose (compose-policy failed)"; return 1; }
  node infra/checks/node/validate.cjs compose "$logs/compose.json" && echo "valid against the compose-spec JSON schema (interpolated with .env.example)"
}
c_env_not_committed() {
  local problems=0
  if git ls-files --error-unmatch .env >/dev/null 2>&1; then echo ".env is tracked by git"; problems=1; fi
  if ! git check-ignore -q .env; then echo ".env is not ignored by git: add '.env' to .gitignore"; problems=1; fi
  ((problems == 0)) && echo ".env neither tracked nor committable"
  return $problems
}

K8S_TARGETS=(base overlays/staging overlays/production overlays/production-keda)
c_k8s_render() {
  local t out
  mkdir -p "$logs/k8s"
  for t in "${K8S_TARGETS[@]}"; do
    out="$logs/k8s/$(echo "$t" | tr / -).yaml"
    kubectl kustomize "k8s/$t" >"$out" || { echo "kubectl kustomize k8s/$t failed"; return 1; }
    [[ $(grep -c '^kind:' "$out") -ge 20 ]] || { echo "k8s/$t rendered only $(grep -c '^kind:' "$out") objects"; return 1; }
  done
  echo "kubectl kustomize ($(kubectl version --client 2>/dev/null | grep -o 'Kustomize Version: [^ ]*')): ${#K8S_TARGETS[@]} targets rendered"
}
rendered() { ls "$logs"/k8s/*.yaml 2>/dev/null; }
rendered_files() { mapfile -t RENDERED < <(rendered); ((${#RENDERED[@]})); }
c_k8s_schema() {
  rendered_files || { echo "nothing rendered"; return 1; }
  node infra/checks/node/validate.cjs k8s "${RENDERED[@]}" k8s/base/secret.template.yaml
}
c_k8s_strict() {
  rendered_files || { echo "nothing rendered"; return 1; }
  "$PY" -c 'import json,sys,yaml; json.dump([d for f in sys.argv[2:] for d in yaml.safe_load_all(open(f)) if d], open(sys.argv[1], "w"))' \
    "$logs/k8s.json" "${RENDERED[@]}" k8s/base/secret.template.yaml || return 1
  java -cp "$K8S_LIB/*" infra/checks/k8s-strict/StrictK8sValidator.java "$logs/k8s.json"
}
c_k8s_policy() {
  rendered_files || { echo "nothing rendered"; return 1; }
  "$PY" infra/checks/policy.py k8s "${RENDERED[@]}" && echo "probes, securityContext, resources, anti-affinity, maxUnavailable 0, PDBs, Services, Jobs, autoscaler, Ingress TLS, NetworkPolicies, pinned images"
}
c_policy_self_test() {
  local contract; contract=$(contract_file) || { echo "CONTRACT.md not found"; return 1; }
  [[ -f "$logs/k8s/overlays-staging.yaml" ]] || { echo "nothing rendered"; return 1; }
  "$PY" infra/checks/policy.py self-test docker-compose.yml .env.example "$contract" "$logs/k8s/overlays-staging.yaml"
}

c_promtool_config() {
  # Copy with rule_files pointing at the repository's rules, so `check config` also loads and checks them.
  local dir="$logs/prom"; mkdir -p "$dir"
  sed "s#/etc/prometheus/rules/#$PWD/infra/prometheus/rules/#" infra/prometheus/prometheus.yml >"$dir/prometheus.yml"
  local out; out=$(promtool check config "$dir/prometheus.yml" 2>&1) || { echo "$out"; return 1; }
  echo "$out"
  grep -q 'SUCCESS: [1-9][0-9]* rules found' <<<"$out" || { echo "the config's rule_files loaded no rules"; return 1; }
  echo "prometheus.yml valid; its rule files were loaded and checked"
}
c_promtool_rules() { promtool check rules infra/prometheus/rules/*.yml; }
c_promtool_test() { (cd infra/prometheus && promtool test rules tests/*.test.yml) && echo "$(grep -c 'alertname:' infra/prometheus/tests/*.test.yml) alert assertions passed"; }
c_metrics_doc() { "$PY" infra/checks/policy.py metrics && echo "every series read by rules and dashboards is in METRICS.md and vice versa"; }
c_otel_config() { "$PY" infra/checks/policy.py otel infra/otel-collector/config.yaml && echo "structure, component references and processor order (no collector binary here)"; }
c_grafana() {
  "$PY" infra/checks/policy.py grafana || return 1
  "$PY" infra/checks/policy.py grafana-promql "$logs/dashboards.rules.yml" || return 1
  local out; out=$(promtool check rules "$logs/dashboards.rules.yml" 2>&1) || { echo "dashboard PromQL: $out"; return 1; }
  echo "$(ls infra/grafana/dashboards/*.json | wc -l) dashboards: valid JSON, unique uids, provisioned datasource, every panel has PromQL that promtool parses ($(grep -o 'SUCCESS: [0-9]* rules' <<<"$out"))"
}
c_mysql_cnf() { "$PY" infra/checks/policy.py mycnf infra/mysql/my.cnf && echo "durability, binlog, slow log, local_infile settings present"; }

# ------------------------------------------------------------------------------------------------ main
ensure_tools || { say "FAIL tools: could not provide the tools"; say "0 passed, 1 failed"; exit 1; }

check shellcheck          c_shellcheck
check dockerfile-lint     c_dockerfile_lint
check dockerfile-policy   c_dockerfile_policy
check healthcheck-script  bash infra/checks/healthcheck-test.sh
check image-layout        bash infra/checks/image-layout-test.sh
check compose-policy      c_compose_policy
check compose-schema      c_compose_schema
check env-not-committed   c_env_not_committed
check k8s-render          c_k8s_render
check k8s-schema          c_k8s_schema
check k8s-strict          c_k8s_strict
check k8s-policy          c_k8s_policy
check policy-self-test    c_policy_self_test
check nginx               bash infra/checks/nginx-check.sh
check promtool-config     c_promtool_config
check promtool-rules      c_promtool_rules
check promtool-test       c_promtool_test
check metrics-doc         c_metrics_doc
check otel-config         c_otel_config
check grafana             c_grafana
check mysql-cnf           c_mysql_cnf
check mysql-init          bash infra/checks/mysql-init-test.sh
check backup-restore      bash infra/backup/test-backup-restore.sh

say "logs: $logs"
if ((skipped)); then say "$passed passed, $failed failed, $skipped skipped"; else say "$passed passed, $failed failed"; fi
((failed == 0))
