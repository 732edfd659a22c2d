// JSON-schema validation of the suite's Kubernetes manifests: every YAML document under k8s/base
// and every document kubectl kustomize renders for k8s/base and each overlay is checked against
// the Kubernetes OpenAPI schema of its kind (kubernetes-models): types, required fields, enums.
// Unknown fields are the job of the deployment-tests module (fabric8's model); this check adds the
// schema's types and required fields. The one custom resource, the RabbitMQ cluster operator's
// RabbitmqCluster, has no schema here: its top-level spec fields are checked against the CRD's.
//
//   cd deploy/validate && npm ci && node validate.mjs
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const RABBITMQ_CLUSTER_SPEC_FIELDS = new Set([
  "replicas", "image", "imagePullSecrets", "service", "persistence", "resources", "affinity",
  "tolerations", "rabbitmq", "tls", "override", "skipPostDeployChecks", "terminationGracePeriodSeconds",
  "delayStartSeconds", "secretBackend", "autoEnableAllFeatureFlags",
]);

function yamlFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) && !/^kustomization\.ya?ml$/.test(name) ? [path] : [];
  });
}

function render(dir) {
  try {
    return execFileSync("kubectl", ["kustomize", dir], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    if (e.code === "ENOENT") {
      throw new Error("kubectl is not on the PATH: it renders the overlays (kubectl kustomize)");
    }
    throw new Error(`kubectl kustomize ${relative(root, dir)} failed:\n${e.stderr || e.message}`);
  }
}

const sources = yamlFiles(join(root, "k8s/base")).map((file) => [relative(root, file), readFileSync(file, "utf8")]);
const overlays = readdirSync(join(root, "k8s/overlays")).map((name) => join(root, "k8s/overlays", name));
for (const dir of [join(root, "k8s/base"), ...overlays]) {
  sources.push([`kubectl kustomize ${relative(root, dir)}`, render(dir)]);
}

const problems = [];
let checked = 0;
for (const [origin, text] of sources) {
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) {
      problems.push(`${origin}: ${doc.errors.map((e) => e.message).join("; ")}`);
      continue;
    }
    const object = doc.toJS();
    if (object == null) continue;
    const where = `${origin}: ${object.kind} ${object.metadata?.name ?? "(no name)"}`;
    checked++;
    if (object.apiVersion === "rabbitmq.com/v1beta1" && object.kind === "RabbitmqCluster") {
      for (const field of Object.keys(object.spec ?? {})) {
        if (!RABBITMQ_CLUSTER_SPEC_FIELDS.has(field)) problems.push(`${where}: unknown spec field ${field}`);
      }
      continue;
    }
    let model;
    try {
      model = (await import(`kubernetes-models/${object.apiVersion}`))[object.kind];
    } catch {
      model = undefined;
    }
    if (typeof model !== "function") {
      problems.push(`${where}: unknown kind ${object.apiVersion}/${object.kind}`);
      continue;
    }
    try {
      new model(object).validate();
    } catch (e) {
      problems.push(`${where}: ${e.message}`);
    }
  }
}

if (problems.length > 0) {
  console.error(`${problems.length} problem(s) in the Kubernetes manifests:\n  - ${problems.join("\n  - ")}`);
  process.exit(1);
}
console.log(`Kubernetes manifests: ${checked} documents valid against their schema`);
