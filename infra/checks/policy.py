#!/usr/bin/env python3
"""Policy checks of the platform files: the properties issue 7 and the hardening checklist demand, asserted on the
parsed files. One subcommand per artifact; each prints one line per violation and exits 1 if there is any.

  policy.py dockerfile docker/Dockerfile
  policy.py compose docker-compose.yml .env.example CONTRACT.md   (also writes the interpolated JSON for the schema check)
  policy.py k8s rendered.yaml...
  policy.py metrics                                               (rules + dashboards vs METRICS.md)
  policy.py otel infra/otel-collector/config.yaml
  policy.py grafana
  policy.py grafana-promql out.rules.yml                          (dashboard expressions as rules, for promtool)
  policy.py mycnf infra/mysql/my.cnf
  policy.py self-test                                             (each check must reject a broken variant)
"""
import configparser
import copy
import glob
import json
import os
import re
import sys

import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SERVICES = {"gateway": 3001, "booking-service": 3002, "reminder-service": 3003}
PINNED_TAG = re.compile(r"^[\w.\-/]+(:[\w.\-]*\d+\.\d+[\w.\-]*)(@sha256:[0-9a-f]{64})?$|^[\w.\-/]+@sha256:[0-9a-f]{64}$")


def pinned(image):
    return bool(PINNED_TAG.match(image)) and ":latest" not in image


# ----------------------------------------------------------------------------------------------- Dockerfile
def check_dockerfile(text):
    problems = []
    lines = re.sub(r"\\\n", " ", text).splitlines()
    instr = [(l.split(None, 1)[0].upper(), (l.split(None, 1) + [""])[1].strip())
             for l in lines if l.strip() and not l.lstrip().startswith("#")]
    froms = [a for i, a in instr if i == "FROM"]
    if not froms:
        problems.append("no FROM")
    for a in froms:
        image = a.split()[0]
        if "$" in image:
            problems.append(f"FROM {image}: base image must be literal, not a build argument")
        elif not pinned(image):
            problems.append(f"FROM {image}: not pinned to an exact version (or uses latest)")
    final = [k for k, (i, _) in enumerate(instr) if i == "FROM"][-1] if froms else 0
    stage = instr[final:]
    users = [a for i, a in stage if i == "USER"]
    if not users or users[-1].split(":")[0] != "1001":
        problems.append(f"final stage must run as USER 1001 (found {users[-1] if users else 'none'})")
    hc = [a for i, a in stage if i == "HEALTHCHECK"]
    if len(hc) != 1 or "NONE" in hc[0].upper():
        problems.append("final stage needs exactly one HEALTHCHECK")
    else:
        script = os.path.join(ROOT, "docker", "healthcheck.sh")
        if "/usr/local/bin/healthcheck" not in hc[0] or "/health" not in open(script).read():
            problems.append("HEALTHCHECK must run docker/healthcheck.sh, which probes /health")
    entry = [a for i, a in stage if i == "ENTRYPOINT"]
    if not entry or not entry[-1].startswith("["):
        problems.append("ENTRYPOINT must be exec form (java as PID 1 receives SIGTERM)")
    env = " ".join(a for i, a in stage if i == "ENV")
    if not re.search(r"-XX:MaxRAMPercentage=(\d+)", env):
        problems.append("JVM heap not sized relative to the container limit (-XX:MaxRAMPercentage)")
    elif not 40 <= int(re.search(r"-XX:MaxRAMPercentage=(\d+)", env).group(1)) <= 75:
        problems.append("-XX:MaxRAMPercentage outside 40..75 for a 512 MiB limit")
    if "-XX:+ExitOnOutOfMemoryError" not in env:
        problems.append("missing -XX:+ExitOnOutOfMemoryError")
    for i, a in stage:
        if i == "ADD":
            problems.append(f"ADD {a}: use COPY")
        if i == "COPY" and not a.startswith("--from=") and "healthcheck.sh" not in a:
            problems.append(f"COPY {a}: the runtime stage may only copy extracted layers and the healthcheck")
        if i == "RUN" and re.search(r"\b(curl|wget)\b.*\|\s*(ba)?sh", a):
            problems.append("RUN pipes a download into a shell")
    return problems


# ----------------------------------------------------------------------------------------------- compose
def parse_env_file(path):
    values = {}
    for line in open(path):
        m = re.match(r"^([A-Z][A-Z0-9_]*)=(.*)$", line.rstrip("\n"))
        if m:
            values[m.group(1)] = m.group(2)
    return values


def interpolate(obj, env, missing):
    """Compose-style ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?err}, ${VAR?err}, $$ on every string."""
    pattern = re.compile(r"\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}")

    def repl(m):
        if m.group(0) == "$$":
            return "$"
        name, op, arg = m.group(1), m.group(2), m.group(3)
        value = env.get(name)
        if op in (":-", "-"):
            return value if (value if op == ":-" else value is not None) else arg
        if op in (":?", "?"):
            if value is None or (op == ":?" and value == ""):
                missing.append(f"{name} ({arg})")
                return ""
        return value or ""

    if isinstance(obj, dict):
        return {k: interpolate(v, env, missing) for k, v in obj.items()}
    if isinstance(obj, list):
        return [interpolate(v, env, missing) for v in obj]
    if isinstance(obj, str):
        return pattern.sub(repl, obj)
    return obj


def contract_variables(contract_text):
    section = contract_text.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    names = set(re.findall(r"`([A-Z][A-Z0-9_]{2,})`", section))
    rate = contract_text.split("Rate limits", 1)[1].split("\n\n", 1)[0] if "Rate limits" in contract_text else ""
    names |= set(re.findall(r"`(RATE_LIMIT_[A-Z]+)`", rate))
    return names


def check_compose(doc, env_example_text, contract_text):
    problems = []
    services = doc.get("services", {})
    networks = doc.get("networks", {}) or {}
    if not (networks.get("backend") or {}).get("internal"):
        problems.append("network backend must be internal: true")
    for needed in ["mysql", "redis", "kafka", "otel-collector", "prometheus", "grafana", *SERVICES]:
        if needed not in services:
            problems.append(f"service {needed} missing")
    if not any(n.startswith("migrate") for n in services):
        problems.append("no one-shot migration service")
    for name, svc in services.items():
        where = f"service {name}"
        image = svc.get("image", "")
        if name in SERVICES or name.startswith("migrate"):
            if not re.match(r"^scheduleright/[a-z-]+:\$\{SCHEDULERIGHT_VERSION:-\d+\.\d+\.\d+\}$", image):
                problems.append(f"{where}: image {image} must be scheduleright/<svc>:${{SCHEDULERIGHT_VERSION:-x.y.z}}")
            if (svc.get("build") or {}).get("dockerfile") != "docker/Dockerfile":
                problems.append(f"{where}: must build docker/Dockerfile")
            if str(svc.get("user")) != "1001:1001":
                problems.append(f"{where}: user must be 1001:1001")
        elif not pinned(image):
            problems.append(f"{where}: image {image!r} not pinned to an exact version")
        if svc.get("read_only") is not True:
            problems.append(f"{where}: read_only root filesystem missing")
        if "ALL" not in (svc.get("cap_drop") or []):
            problems.append(f"{where}: cap_drop ALL missing")
        if svc.get("cap_add"):
            problems.append(f"{where}: cap_add {svc['cap_add']} (no capability is needed)")
        if svc.get("privileged"):
            problems.append(f"{where}: privileged")
        if "no-new-privileges:true" not in (svc.get("security_opt") or []):
            problems.append(f"{where}: security_opt no-new-privileges:true missing")
        if "container_name" in svc:
            problems.append(f"{where}: container_name prevents --scale")
        if svc.get("ports") and name != "gateway":
            problems.append(f"{where}: publishes ports; only the gateway may")
        if "network_mode" in svc or svc.get("pid") == "host":
            problems.append(f"{where}: host namespaces")
        one_shot = svc.get("restart") == "no"
        hc = svc.get("healthcheck") or {}
        if not one_shot and name != "otel-collector" and (not hc.get("test") or hc.get("disable")):
            problems.append(f"{where}: healthcheck missing")
        if name in SERVICES and "/usr/local/bin/healthcheck" not in json.dumps(hc.get("test")):
            problems.append(f"{where}: healthcheck must run the image's /health probe")
        for dep, cond in (svc.get("depends_on") or {}).items() if isinstance(svc.get("depends_on"), dict) else []:
            target = services.get(dep, {})
            c = cond.get("condition")
            if target.get("restart") == "no":
                if c != "service_completed_successfully":
                    problems.append(f"{where}: depends on one-shot {dep} without service_completed_successfully")
            elif (target.get("healthcheck") or {}).get("test") and c != "service_healthy":
                problems.append(f"{where}: depends on {dep} (has a healthcheck) without service_healthy")
        if isinstance(svc.get("depends_on"), list):
            problems.append(f"{where}: depends_on must use conditions")
        nets = svc.get("networks") or []
        if "backend" not in nets:
            problems.append(f"{where}: not on the internal backend network")
        extra = set(nets) - {"backend"}
        allowed = {"gateway": {"edge"}, "reminder-service": {"egress"}}.get(name, set())
        if extra - allowed:
            problems.append(f"{where}: on networks {sorted(extra - allowed)} outside the internal one")
        env = svc.get("environment") or {}
        if isinstance(env, list):
            problems.append(f"{where}: environment must be a mapping")
            env = {}
        for key, value in env.items():
            if re.search(r"PASSWORD|SECRET|TOKEN|KEYS$", key) and value not in ("", None) and "${" not in str(value):
                problems.append(f"{where}: {key} has a literal value; secrets come from .env")
        if name in SERVICES:
            if env.get("SERVER_PORT") != str(SERVICES[name]):
                problems.append(f"{where}: SERVER_PORT must be {SERVICES[name]}")
            mem = ((svc.get("deploy") or {}).get("resources") or {}).get("limits", {}).get("memory")
            if mem != "512M":
                problems.append(f"{where}: memory limit must be 512M (JVM flags are sized for it)")
            tmpfs = " ".join(svc.get("tmpfs") or [])
            if "/tmp" not in tmpfs:
                problems.append(f"{where}: needs a tmpfs /tmp with a read-only root")
        if "JWT_SECRET" in env and name not in ("gateway", "migrate-gateway"):
            problems.append(f"{where}: gets JWT_SECRET but only the gateway signs tokens")
        if "SMS_SINK" in env and not re.fullmatch(r"\$\{SMS_SINK:-twilio\}", str(env["SMS_SINK"])):
            problems.append(f"{where}: SMS_SINK must default to twilio (production refuses log)")
    gw = services.get("gateway", {})
    ports = gw.get("ports") or []
    if len(ports) != 1 or not str(ports[0]).endswith(":3001"):
        problems.append("gateway must publish exactly its port 3001")
    rs = services.get("reminder-service", {})
    for key in ("ports", "container_name", "hostname"):
        if key in rs:
            problems.append(f"reminder-service: {key} prevents --scale reminder-service=3")

    # .env.example documents every contract variable and every variable compose reads
    documented = set(re.findall(r"^#?\s*(?:\[compose\]\s*)?([A-Z][A-Z0-9_]{2,})[=\s]", env_example_text, re.M))
    for var in sorted(contract_variables(contract_text) - documented):
        problems.append(f".env.example does not document contract variable {var}")
    used = set(re.findall(r"\$\{([A-Za-z_][A-Za-z0-9_]*)", open(os.path.join(ROOT, "docker-compose.yml")).read()))
    for var in sorted(used - documented):
        problems.append(f".env.example does not document {var} (read by docker-compose.yml)")
    for line in env_example_text.splitlines():
        m = re.match(r"^([A-Z][A-Z0-9_]*(PASSWORD|SECRET|TOKEN|_KEYS|AUTH_TOKEN))=(.+)$", line)
        if m:
            problems.append(f".env.example: {m.group(1)} must be empty (no secret, not even a sample)")
    return problems


# ----------------------------------------------------------------------------------------------- Kubernetes
def check_k8s(objects, label):
    problems = []
    by_kind = {}
    for o in objects:
        by_kind.setdefault(o["kind"], []).append(o)
    where = lambda o: f"{label}: {o['kind']}/{o['metadata']['name']}"
    if by_kind.get("Secret"):
        problems.append(f"{label}: renders Secret objects; secrets must not come from git")
    for cm in by_kind.get("ConfigMap", []):
        data = cm.get("data") or {}
        if "SMS_SINK" in data and data["SMS_SINK"] != "twilio" and data.get("SMS_SINK_LOG_ALLOWED") != "true":
            problems.append(f"{where(cm)}: SMS_SINK is {data['SMS_SINK']!r}; production sends through twilio")
    deployments = {d["metadata"]["name"]: d for d in by_kind.get("Deployment", [])}
    for name, port in SERVICES.items():
        if name not in deployments:
            problems.append(f"{label}: Deployment {name} missing")
    for d in deployments.values():
        spec, pod = d["spec"], d["spec"]["template"]["spec"]
        ru = (spec.get("strategy") or {}).get("rollingUpdate") or {}
        if spec.get("strategy", {}).get("type") != "RollingUpdate" or ru.get("maxUnavailable") not in (0, "0", "0%"):
            problems.append(f"{where(d)}: rolling update with maxUnavailable 0 required")
        problems += check_pod(pod, where(d), probes=True)
        aff = (pod.get("affinity") or {}).get("podAntiAffinity")
        if not aff:
            problems.append(f"{where(d)}: podAntiAffinity missing")
        pdbs = [p for p in by_kind.get("PodDisruptionBudget", [])
                if p["spec"]["selector"].get("matchLabels") == spec["selector"]["matchLabels"]]
        if not pdbs:
            problems.append(f"{where(d)}: no PodDisruptionBudget selects it")
        svcs = [s for s in by_kind.get("Service", []) if s["spec"].get("selector") == spec["selector"]["matchLabels"]]
        if not svcs:
            problems.append(f"{where(d)}: no Service selects exactly its pods")
        labels = d["spec"]["template"]["metadata"]["labels"]
        if any(labels.get(k) != v for k, v in spec["selector"]["matchLabels"].items()):
            problems.append(f"{where(d)}: selector does not match template labels")
    jobs = by_kind.get("Job", [])
    for name in SERVICES:
        job = [j for j in jobs if j["metadata"]["name"] == f"{name}-migrate"]
        if not job:
            problems.append(f"{label}: migration Job {name}-migrate missing")
            continue
        pod = job[0]["spec"]["template"]["spec"]
        problems += check_pod(pod, where(job[0]), probes=False)
        if "-Dspring.context.exit=onRefresh" not in pod["containers"][0].get("command", []):
            problems.append(f"{where(job[0])}: must run with -Dspring.context.exit=onRefresh")
        if pod.get("restartPolicy") != "Never":
            problems.append(f"{where(job[0])}: restartPolicy Never")
    hpas = [h for h in by_kind.get("HorizontalPodAutoscaler", []) if h["spec"]["scaleTargetRef"]["name"] == "reminder-service"]
    scaled = [s for s in by_kind.get("ScaledObject", []) if s["spec"]["scaleTargetRef"]["name"] == "reminder-service"]
    if len(hpas) + len(scaled) != 1:
        problems.append(f"{label}: reminder-service needs exactly one autoscaler (HPA or KEDA ScaledObject), found {len(hpas) + len(scaled)}")
    for s in scaled:
        if not any(t["type"] == "kafka" for t in s["spec"]["triggers"]):
            problems.append(f"{where(s)}: no kafka lag trigger")
    ingresses = by_kind.get("Ingress", [])
    backends = set()
    for ing in ingresses:
        for rule in ing["spec"]["rules"]:
            for p in rule["http"]["paths"]:
                backends.add(p["backend"]["service"]["name"])
                if p["path"].startswith("/metrics") or p["path"] == "/":
                    problems.append(f"{where(ing)}: routes {p['path']} (metrics must stay internal)")
        if not ing["spec"].get("tls"):
            problems.append(f"{where(ing)}: no TLS")
        if ing["spec"].get("ingressClassName") != "nginx":
            problems.append(f"{where(ing)}: ingressClassName nginx")
    if backends != {"gateway"}:
        problems.append(f"{label}: Ingress must route only to the gateway, routes to {sorted(backends)}")
    api = [i for i in ingresses if any(p["path"] == "/api" for r in i["spec"]["rules"] for p in r["http"]["paths"])]
    if not api:
        problems.append(f"{label}: no Ingress for /api")
    for ing in api:
        a = ing["metadata"].get("annotations") or {}
        if not a.get("cert-manager.io/cluster-issuer"):
            problems.append(f"{where(ing)}: cert-manager issuer annotation missing")
        if a.get("nginx.ingress.kubernetes.io/force-ssl-redirect") != "true":
            problems.append(f"{where(ing)}: HTTPS redirect not forced")
        if a.get("nginx.ingress.kubernetes.io/proxy-body-size") != "64k":
            problems.append(f"{where(ing)}: body limit must be 64k")
    pols = {p["metadata"]["name"]: p for p in by_kind.get("NetworkPolicy", [])}
    deny = [p for p in pols.values() if p["spec"]["podSelector"] == {} and set(p["spec"].get("policyTypes", [])) == {"Ingress", "Egress"}
            and not p["spec"].get("ingress") and not p["spec"].get("egress")]
    if not deny:
        problems.append(f"{label}: no default-deny NetworkPolicy")
    for name in SERVICES:
        ins = [p for p in pols.values() if "Ingress" in p["spec"].get("policyTypes", []) and selects(p, name)]
        sources = [f for p in ins for rule in p["spec"].get("ingress", []) for f in rule.get("from", [])]
        for f in sources:
            ns = (f.get("namespaceSelector") or {}).get("matchLabels", {}).get("kubernetes.io/metadata.name")
            if "ipBlock" in f or f.get("namespaceSelector") == {} or (f.get("namespaceSelector") is not None and ns is None):
                problems.append(f"{label}: {name} accepts traffic from an unrestricted source {f}")
            if name != "gateway" and ns == "ingress-nginx":
                problems.append(f"{label}: {name} reachable from the ingress controller; only the gateway may be")
            if ns not in (None, "ingress-nginx", "monitoring"):
                problems.append(f"{label}: {name} reachable from namespace {ns}")
            if ns is None and "podSelector" in f:
                allowed = {"gateway": {"booking-service", "reminder-service"}}.get(name, {"gateway"})
                peers = pod_names(f["podSelector"])
                if not peers or peers - allowed:
                    problems.append(f"{label}: {name} reachable from pods {sorted(peers) or 'any'}")
    if any(f for p in pols.values() for rule in p["spec"].get("egress", []) for t in rule.get("to", [])
           for f in [t.get("ipBlock")] if f and f["cidr"] == "0.0.0.0/0" and not selects_only(p, "reminder-service")):
        problems.append(f"{label}: internet egress for pods other than reminder-service")
    for kind in ("Deployment", "Job"):
        for o in by_kind.get(kind, []):
            for c in o["spec"]["template"]["spec"]["containers"]:
                if not pinned(c["image"]):
                    problems.append(f"{where(o)}: image {c['image']} not pinned")
    return problems


def pod_names(selector):
    names = set(selector.get("matchLabels", {}).get("app.kubernetes.io/name", "").split()) - {""}
    for e in selector.get("matchExpressions", []):
        if e["key"] == "app.kubernetes.io/name" and e["operator"] == "In":
            names |= set(e["values"])
    return names


def selects(policy, name):
    sel = policy["spec"]["podSelector"]
    return sel == {} or name in pod_names(sel)


def selects_only(policy, name):
    return pod_names(policy["spec"]["podSelector"]) == {name}


def check_pod(pod, where, probes):
    problems = []
    sc = pod.get("securityContext") or {}
    if sc.get("runAsNonRoot") is not True or sc.get("runAsUser") != 1001:
        problems.append(f"{where}: pod must runAsNonRoot as uid 1001")
    if (sc.get("seccompProfile") or {}).get("type") != "RuntimeDefault":
        problems.append(f"{where}: seccompProfile RuntimeDefault missing")
    if pod.get("automountServiceAccountToken") is not False:
        problems.append(f"{where}: service account token mounted")
    for c in pod["containers"]:
        csc = c.get("securityContext") or {}
        if csc.get("readOnlyRootFilesystem") is not True:
            problems.append(f"{where}: readOnlyRootFilesystem missing")
        if csc.get("allowPrivilegeEscalation") is not False:
            problems.append(f"{where}: allowPrivilegeEscalation must be false")
        if (csc.get("capabilities") or {}).get("drop") != ["ALL"] or (csc.get("capabilities") or {}).get("add"):
            problems.append(f"{where}: capabilities must drop ALL and add none")
        res = c.get("resources") or {}
        for kind in ("requests", "limits"):
            if not (res.get(kind) or {}).get("memory") or not (res.get(kind) or {}).get("cpu"):
                problems.append(f"{where}: resources.{kind} cpu and memory required")
        if (res.get("limits") or {}).get("memory") != "512Mi":
            problems.append(f"{where}: memory limit must be 512Mi (JVM flags are sized for it)")
        if probes:
            if (c.get("livenessProbe") or {}).get("httpGet", {}).get("path") != "/health":
                problems.append(f"{where}: livenessProbe must GET /health")
            if (c.get("readinessProbe") or {}).get("httpGet", {}).get("path") != "/readiness":
                problems.append(f"{where}: readinessProbe must GET /readiness")
            if (c.get("startupProbe") or {}).get("httpGet", {}).get("path") != "/health":
                problems.append(f"{where}: startupProbe must GET /health")
        if "/tmp" not in [m["mountPath"] for m in c.get("volumeMounts", [])]:
            problems.append(f"{where}: writable /tmp volume missing (read-only root filesystem)")
        refs = [e.get("secretRef", {}).get("name") for e in c.get("envFrom", [])]
        if not any(refs):
            problems.append(f"{where}: secrets not referenced from a Secret")
        for e in c.get("env", []):
            if re.search(r"PASSWORD|SECRET|TOKEN", e["name"]) and "value" in e:
                problems.append(f"{where}: {e['name']} set as a literal")
    return problems


# ----------------------------------------------------------------------------------------------- metrics, otel, grafana, my.cnf
PROMQL_WORDS = set("""sum min max avg count stddev stdvar topk bottomk quantile count_values group by without on ignoring
group_left group_right and or unless offset bool rate irate increase delta idelta deriv histogram_quantile abs absent
absent_over_time ceil floor round clamp clamp_min clamp_max changes resets label_replace label_join vector scalar time
sort sort_desc predict_linear avg_over_time min_over_time max_over_time sum_over_time count_over_time last_over_time
humanizePercentage humanizeDuration humanize printf value labels e inf nan""".split())


def series_names(expr):
    expr = re.sub(r'"(?:[^"\\]|\\.)*"', "", expr)
    expr = re.sub(r"\{[^}]*\}", "", expr)
    expr = re.sub(r"\[[^\]]*\]", "", expr)
    expr = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", "", expr)
    expr = re.sub(r"\b[0-9][0-9A-Za-z.]*", "", expr)  # numbers and durations (offset 15m)
    names = set()
    for m in re.finditer(r"[A-Za-z_:][A-Za-z0-9_:]*", expr):
        tok = m.group(0)
        rest = expr[m.end():].lstrip()
        if tok in PROMQL_WORDS or rest.startswith("(") or ":" in tok or re.match(r"^\d", tok):
            continue
        names.add(tok)
    return names


def check_metrics():
    problems = []
    used = {}
    for f in glob.glob(os.path.join(ROOT, "infra/prometheus/rules/*.yml")):
        for g in yaml.safe_load(open(f))["groups"]:
            for r in g["rules"]:
                for n in series_names(r["expr"]):
                    used.setdefault(n, set()).add(os.path.relpath(f, ROOT))
    for f in glob.glob(os.path.join(ROOT, "infra/grafana/dashboards/*.json")):
        for p in json.load(open(f))["panels"]:
            for t in p.get("targets", []):
                for n in series_names(t["expr"]):
                    used.setdefault(n, set()).add(os.path.relpath(f, ROOT))
    doc = open(os.path.join(ROOT, "infra/prometheus/METRICS.md")).read()
    table = set(re.findall(r"^\| `([a-z_][a-z0-9_]*)` \|", doc, re.M))
    base = lambda n: re.sub(r"_(bucket|count|sum|max)$", "", n)
    for n, files in sorted(used.items()):
        if n not in table and base(n) not in table:
            problems.append(f"metric {n} used in {sorted(files)} is not listed in METRICS.md")
    used_bases = {base(n) for n in used} | set(used)
    for n in sorted(table - used_bases):
        problems.append(f"METRICS.md lists {n}, which no rule or dashboard reads")
    if not used:
        problems.append("no metric found in rules or dashboards (parser broken?)")
    # every alert's runbook link must land on a heading of docs/operations/runbook.md
    runbook = open(os.path.join(ROOT, "docs/operations/runbook.md")).read()
    anchors = {re.sub(r"[^a-z0-9 -]", "", h.lower()).replace(" ", "-") for h in re.findall(r"^## (.+)$", runbook, re.M)}
    for f in glob.glob(os.path.join(ROOT, "infra/prometheus/rules/*.yml")):
        for g in yaml.safe_load(open(f))["groups"]:
            for r in g["rules"]:
                link = (r.get("annotations") or {}).get("runbook")
                if "alert" in r and not link:
                    problems.append(f"alert {r['alert']} has no runbook annotation")
                elif link and link.split("#", 1)[1] not in anchors:
                    problems.append(f"alert {r['alert']}: runbook anchor #{link.split('#', 1)[1]} not in runbook.md")
    return problems


OTEL_KNOWN = {"receivers": {"otlp"}, "processors": {"batch", "memory_limiter", "attributes"},
              "exporters": {"debug", "otlp", "otlphttp"}, "extensions": {"health_check"}}


def check_otel(cfg):
    problems = []
    for section, known in OTEL_KNOWN.items():
        for cid in (cfg.get(section) or {}):
            if cid.split("/")[0] not in known:
                problems.append(f"{section}.{cid}: component type not in the pinned contrib build's checked list")
    svc = cfg.get("service") or {}
    for ext in svc.get("extensions", []):
        if ext not in (cfg.get("extensions") or {}):
            problems.append(f"service.extensions: {ext} not defined")
    pipelines = svc.get("pipelines") or {}
    if "traces" not in pipelines:
        problems.append("no traces pipeline")
    for name, p in pipelines.items():
        if name.split("/")[0] not in ("traces", "metrics", "logs"):
            problems.append(f"pipeline {name}: unknown signal")
        for section in ("receivers", "processors", "exporters"):
            for cid in p.get(section, []):
                if cid not in (cfg.get(section) or {}):
                    problems.append(f"pipeline {name}: {section[:-1]} {cid} not defined")
        procs = p.get("processors", [])
        if not procs or procs[0] != "memory_limiter":
            problems.append(f"pipeline {name}: memory_limiter must be the first processor")
        if not procs or procs[-1] != "batch":
            problems.append(f"pipeline {name}: batch must be the last processor")
        if not p.get("receivers") or not p.get("exporters"):
            problems.append(f"pipeline {name}: needs receivers and exporters")
    otlp = ((cfg.get("receivers") or {}).get("otlp") or {}).get("protocols") or {}
    if (otlp.get("http") or {}).get("endpoint", "").rsplit(":", 1)[-1] != "4318":
        problems.append("otlp http receiver must listen on 4318 (OTEL_EXPORTER_OTLP_ENDPOINT of the services)")
    if "logging" in (cfg.get("exporters") or {}):
        problems.append("the logging exporter was removed from the collector; use debug")
    return problems


def dashboard_files():
    return {os.path.basename(f): open(f).read()
            for f in sorted(glob.glob(os.path.join(ROOT, "infra/grafana/dashboards/*.json")))}


def check_grafana(dashboards=None):
    """Provisioning consistent with compose; every dashboard valid JSON with a unique uid, and every panel querying
    the provisioned Prometheus with at least one PromQL expression."""
    problems = []
    ds = yaml.safe_load(open(os.path.join(ROOT, "infra/grafana/provisioning/datasources/prometheus.yml")))
    uids = {d["uid"] for d in ds["datasources"]}
    if not any(d["url"] == "http://prometheus:9090" for d in ds["datasources"]):
        problems.append("datasource must point at the compose prometheus service")
    prov = yaml.safe_load(open(os.path.join(ROOT, "infra/grafana/provisioning/dashboards/scheduleright.yml")))
    if prov["providers"][0]["options"]["path"] != "/etc/grafana/dashboards":
        problems.append("dashboard provider path must match the compose mount /etc/grafana/dashboards")
    dashboards = dashboard_files() if dashboards is None else dashboards
    if not dashboards:
        problems.append("no dashboard")
    owners = {}
    for name, text in dashboards.items():
        try:
            d = json.loads(text)
        except ValueError as e:
            problems.append(f"{name}: not valid JSON ({e})")
            continue
        uid = d.get("uid")
        if not uid:
            problems.append(f"{name}: no uid")
        elif uid in owners:
            problems.append(f"{name}: uid {uid} is also the uid of {owners[uid]}")
        else:
            owners[uid] = name
        if not d.get("title"):
            problems.append(f"{name}: no title")
        panels = d.get("panels") or []
        if not panels:
            problems.append(f"{name}: no panels")
        ids = [p.get("id") for p in panels]
        if len(set(ids)) != len(ids) or None in ids:
            problems.append(f"{name}: panel ids missing or not unique")
        for p in panels:
            where = f"{name} panel {p.get('title')!r}"
            if p.get("type") == "row":
                continue
            targets = p.get("targets") or []
            if not any(str(t.get("expr") or "").strip() for t in targets):
                problems.append(f"{where}: no target with a PromQL expr")
            for t in targets + [p]:
                uid = (t.get("datasource") or {}).get("uid")
                if uid not in uids:
                    problems.append(f"{where}: datasource uid {uid} not provisioned")
            if not p.get("gridPos"):
                problems.append(f"{where}: no gridPos")
    return problems


def check_mycnf(text):
    cp = configparser.ConfigParser(allow_no_value=True, strict=True)
    cp.read_string(text)
    m = cp["mysqld"]
    required = {"innodb_flush_log_at_trx_commit": "1", "sync_binlog": "1", "slow_query_log": "ON",
                "local_infile": "OFF", "binlog_format": "ROW"}
    problems = [f"my.cnf: {k} must be {v}" for k, v in required.items() if m.get(k) != v]
    for k in ("log_bin", "binlog_expire_logs_seconds", "long_query_time", "server_id"):
        if not m.get(k):
            problems.append(f"my.cnf: {k} missing")
    return problems


# ----------------------------------------------------------------------------------------------- secret template
SECRET_KEYS = {  # the secrets each service uses; nothing else may be handed to it
    "gateway-secrets": {"MYSQL_PASSWORD", "MYSQL_MIGRATION_PASSWORD", "REDIS_URL", "JWT_SECRET", "ADMIN_EMAIL",
                        "ADMIN_PASSWORD"},
    "booking-service-secrets": {"MYSQL_PASSWORD", "MYSQL_MIGRATION_PASSWORD", "CONTACT_ENCRYPTION_KEYS"},
    "reminder-service-secrets": {"MYSQL_PASSWORD", "MYSQL_MIGRATION_PASSWORD", "REDIS_URL", "CONTACT_ENCRYPTION_KEYS",
                                 "PHONE_HASH_KEYS", "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_PHONE_NUMBER"},
}


def check_secret_template(secrets):
    problems = []
    names = {s["metadata"]["name"] for s in secrets}
    for name in sorted(set(SECRET_KEYS) - names):
        problems.append(f"secret.template.yaml: Secret {name} missing")
    for secret in secrets:
        name = secret["metadata"]["name"]
        extra = set(secret.get("stringData") or {}) - SECRET_KEYS.get(name, set())
        if extra:
            problems.append(f"secret.template.yaml: {name} hands out {sorted(extra)}, which that service does not use")
    return problems


def load_secret_template():
    return [d for d in yaml.safe_load_all(open(os.path.join(ROOT, "k8s/base/secret.template.yaml"))) if d]


# ----------------------------------------------------------------------------------------------- self-test
def self_test(args):
    """Each policy must reject a deliberately broken variant of the real file (proof the check can fail)."""
    failures = []
    dockerfile = open(os.path.join(ROOT, "docker/Dockerfile")).read()
    mutants = {
        "Dockerfile FROM latest": dockerfile.replace("FROM eclipse-temurin:17.0.18_8-jre-jammy AS", "FROM eclipse-temurin:latest AS"),
        "Dockerfile unpinned": dockerfile.replace("eclipse-temurin:17.0.18_8-jre-jammy", "eclipse-temurin:17-jre"),
        "Dockerfile root user": dockerfile.replace("USER 1001:1001", "USER root"),
        "Dockerfile no healthcheck": re.sub(r"HEALTHCHECK .*\n", "", dockerfile),
        "Dockerfile no heap sizing": dockerfile.replace("-XX:MaxRAMPercentage=60 ", ""),
    }
    for label, text in mutants.items():
        if not check_dockerfile(text):
            failures.append(f"dockerfile policy accepted: {label}")
    compose_doc, env_text, contract = load_compose(args)
    def mutate(fn):
        d = copy.deepcopy(compose_doc); fn(d); return d
    cmut = {
        "read_only off": lambda d: d["services"]["redis"].pop("read_only"),
        "cap_drop removed": lambda d: d["services"]["gateway"].pop("cap_drop"),
        "container_name on reminder": lambda d: d["services"]["reminder-service"].__setitem__("container_name", "r"),
        "ports on booking": lambda d: d["services"]["booking-service"].__setitem__("ports", ["3002:3002"]),
        "depends_on started": lambda d: d["services"]["gateway"]["depends_on"]["redis"].__setitem__("condition", "service_started"),
        "mysql latest": lambda d: d["services"]["mysql"].__setitem__("image", "mysql:latest"),
        "backend not internal": lambda d: d["networks"]["backend"].pop("internal"),
        "literal secret": lambda d: d["services"]["gateway"]["environment"].__setitem__("JWT_SECRET", "hunter2hunter2"),
        "JWT_SECRET to booking": lambda d: d["services"]["booking-service"]["environment"].__setitem__("JWT_SECRET", "${JWT_SECRET:?x}"),
        "SMS_SINK log": lambda d: d["services"]["reminder-service"]["environment"].__setitem__("SMS_SINK", "${SMS_SINK:-log}"),
    }
    for label, fn in cmut.items():
        if not check_compose(mutate(fn), env_text, contract):
            failures.append(f"compose policy accepted: {label}")
    if not check_compose(compose_doc, env_text.replace("CONTACT_ENCRYPTION_KEYS=", "X="), contract):
        failures.append("compose policy accepted an .env.example without CONTACT_ENCRYPTION_KEYS")
    if not check_compose(compose_doc, env_text.replace("JWT_SECRET=\n", "JWT_SECRET=example-secret\n"), contract):
        failures.append("compose policy accepted a sample secret in .env.example")
    template = load_secret_template()
    leaked = copy.deepcopy(template)
    next(t for t in leaked if t["metadata"]["name"] == "reminder-service-secrets")["stringData"]["JWT_SECRET"] = "x"
    if not check_secret_template(leaked):
        failures.append("secret template policy accepted JWT_SECRET in reminder-service-secrets")
    rendered = [d for f in args[3:] for d in yaml.safe_load_all(open(f)) if d]
    def kmut(fn):
        objs = copy.deepcopy(rendered); fn(objs); return check_k8s(objs, "mutant")
    dep = lambda objs, n="booking-service": next(o for o in objs if o["kind"] == "Deployment" and o["metadata"]["name"] == n)
    kmuts = {
        "maxUnavailable 1": lambda o: dep(o)["spec"]["strategy"]["rollingUpdate"].__setitem__("maxUnavailable", 1),
        "no readiness": lambda o: dep(o)["spec"]["template"]["spec"]["containers"][0].pop("readinessProbe"),
        "root": lambda o: dep(o)["spec"]["template"]["spec"]["securityContext"].__setitem__("runAsUser", 0),
        "writable root": lambda o: dep(o)["spec"]["template"]["spec"]["containers"][0]["securityContext"].__setitem__("readOnlyRootFilesystem", False),
        "latest image": lambda o: dep(o)["spec"]["template"]["spec"]["containers"][0].__setitem__("image", "x/booking:latest"),
        "booking from ingress": lambda o: next(p for p in o if p["metadata"]["name"] == "booking-service-ingress")["spec"]["ingress"][0]["from"].append(
            {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "ingress-nginx"}}}),
        "no PDB": lambda o: o.remove(next(p for p in o if p["kind"] == "PodDisruptionBudget")),
        "SMS_SINK log": lambda o: next(c for c in o if c["kind"] == "ConfigMap" and "SMS_SINK" in (c.get("data") or {}))["data"].__setitem__("SMS_SINK", "log"),
        "no default deny": lambda o: o.remove(next(p for p in o if p["metadata"]["name"] == "default-deny-all")),
        "secret rendered": lambda o: o.append({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"}}),
        "metrics routed": lambda o: next(i for i in o if i["kind"] == "Ingress")["spec"]["rules"][0]["http"]["paths"].append(
            {"path": "/metrics", "pathType": "Exact", "backend": {"service": {"name": "gateway", "port": {"name": "http"}}}}),
    }
    for label, fn in kmuts.items():
        if not kmut(fn):
            failures.append(f"k8s policy accepted: {label}")
    otel = yaml.safe_load(open(os.path.join(ROOT, "infra/otel-collector/config.yaml")))
    bad = copy.deepcopy(otel); bad["service"]["pipelines"]["traces"]["exporters"].append("otlp/nowhere")
    if not check_otel(bad):
        failures.append("otel check accepted an undefined exporter")
    if not check_mycnf(open(os.path.join(ROOT, "infra/mysql/my.cnf")).read().replace("sync_binlog                    = 1", "sync_binlog = 0")):
        failures.append("my.cnf check accepted sync_binlog=0")
    boards = dashboard_files()
    first = sorted(boards)[0]
    def gmut(fn):
        d = json.loads(boards[first]); fn(d); return {**boards, first: json.dumps(d)}
    gmuts = {
        "invalid JSON": {**boards, first: boards[first][:-3]},
        "duplicate uid": {**boards, "copy.json": boards[first]},
        "panel without expr": gmut(lambda d: d["panels"][0].__setitem__("targets", [{"refId": "A", "datasource": d["panels"][0]["datasource"]}])),
        "unknown datasource": gmut(lambda d: d["panels"][0]["targets"][0].__setitem__("datasource", {"type": "prometheus", "uid": "other"})),
    }
    for label, variant in gmuts.items():
        if not check_grafana(variant):
            failures.append(f"grafana check accepted: {label}")
    total = len(mutants) + len(cmut) + 2 + len(kmuts) + 2 + len(gmuts)
    if not failures:
        print(f"{total} broken variants all rejected")
    return failures


def load_compose(args):
    compose_path, env_path, contract_path = args[0], args[1], args[2]
    raw = yaml.safe_load(open(compose_path))
    return raw, open(env_path).read(), open(contract_path).read()


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    problems = []
    if cmd == "dockerfile":
        problems = check_dockerfile(open(args[0]).read())
    elif cmd == "compose":
        raw, env_text, contract = load_compose(args)
        problems = check_compose(raw, env_text, contract)
        # Interpolate with .env.example: every required secret must be refused while empty ...
        env = parse_env_file(args[1])
        missing = []
        interpolate(raw, env, missing)
        for secret in ("JWT_SECRET", "MYSQL_ROOT_PASSWORD", "REDIS_PASSWORD", "MYSQL_MIGRATION_PASSWORD"):
            if not any(m.startswith(secret + " ") for m in missing):
                problems.append(f"compose starts with an empty {secret} (needs ${{{secret}:?...}})")
        # ... and with every empty value filled, nothing may be missing; the result goes to the schema check.
        filled = {k: (v or f"test-{k.lower()}") for k, v in env.items()}
        missing = []
        doc = interpolate(raw, filled, missing)
        problems += [f"variable {m} required by compose but absent from .env.example" for m in missing]
        doc = {k: v for k, v in doc.items() if not k.startswith("x-")}
        json.dump(doc, open(args[3], "w"))
    elif cmd == "k8s":
        for f in args:
            problems += check_k8s([d for d in yaml.safe_load_all(open(f)) if d], os.path.basename(f))
        problems += check_secret_template(load_secret_template())
    elif cmd == "metrics":
        problems = check_metrics()
    elif cmd == "otel":
        problems = check_otel(yaml.safe_load(open(args[0])))
    elif cmd == "grafana":
        problems = check_grafana()
    elif cmd == "grafana-promql":
        # every dashboard expression as a recording rule, so that `promtool check rules` parses the PromQL
        rules = [{"record": f"dashboard:expr_{i}", "expr": expr} for i, expr in enumerate(
            t["expr"] for text in dashboard_files().values() for p in json.loads(text)["panels"]
            for t in p.get("targets", []) if t.get("expr"))]
        yaml.safe_dump({"groups": [{"name": "dashboards", "rules": rules}]}, open(args[0], "w"), sort_keys=False)
    elif cmd == "mycnf":
        problems = check_mycnf(open(args[0]).read())
    elif cmd == "self-test":
        problems = self_test(args)
    else:
        sys.exit(f"unknown subcommand {cmd}")
    for p in problems:
        print(p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
