// Real servers for the end-to-end tests, each on 127.0.0.1 and a port the OS picked:
// MLflow (tracking server, artifact proxy, model registry), Prism (a mock of the Kubeflow
// Model Registry that checks every request against the OpenAPI spec in ../shared/specs) and
// MLServer (Open Inference Protocol, started by scripts/serve-onnx.sh). Each `start…()`
// returns { url, stop, … }; call `stop()` in an `after()` hook (a crash or Ctrl-C kills
// them too: processes.mjs).
import { createServer, request as httpRequest } from "node:http";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { answers, onFreePort, startProcess, tempDir, withStop } from "./processes.mjs";

export { freePort, portInUse } from "./processes.mjs";
export * from "./mlflow-api.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
export const REPO = resolve(here, "../..");
const VENV_BIN = join(REPO, ".venv/bin");
/** The specs beside the project (`../shared/specs`), as the data is in `../shared/data`. */
export const SHARED_SPECS = resolve(REPO, "../shared/specs");
export const KUBEFLOW_SPEC = join(SHARED_SPECS, "kubeflow-model-registry-v1alpha3.yaml");
const PRISM = join(REPO, "tests/node_modules/.bin/prism");
const SERVE_ONNX = join(REPO, "scripts/serve-onnx.sh");

/** Fails saying what to do when a file a server needs is not there. */
function requireFile(path, todo) {
  if (!existsSync(path)) throw new Error(`${path} is missing: ${todo}`);
}

/**
 * MLflow's tracking server with its artifact proxy, on SQLite in a temp dir. `origin`: the
 * app's origin, given to `--cors-allowed-origins` (MLflow always allows loopback origins
 * such as http://127.0.0.1:*, so a test of a refused origin uses another host name, e.g.
 * http://jukebox.localhost:<port>). Takes 20–60 s to start.
 */
export async function startMlflow({ origin, timeoutMs = 120_000 } = {}) {
  requireFile(join(VENV_BIN, "mlflow"), "run `scripts/python-env.sh` (`make e2e` runs it first)");
  const { dir, cleanup } = await tempDir("mlflow");
  try {
    return await onFreePort(async (port) => {
      const url = `http://127.0.0.1:${port}`;
      const args = [
        "server",
        "--host", "127.0.0.1",
        "--port", String(port),
        "--workers", "1",
        "--backend-store-uri", `sqlite:///${join(dir, "mlflow.db")}`,
        "--artifacts-destination", join(dir, "artifacts"),
      ];
      if (origin) args.push("--cors-allowed-origins", origin);
      const server = await startProcess({
        name: "mlflow",
        command: join(VENV_BIN, "mlflow"),
        args,
        dir,
        // No telemetry or version checks from a test server.
        env: { MLFLOW_DISABLE_TELEMETRY: "true", DO_NOT_TRACK: "true" },
        ready: () => answers(`${url}/health`),
        timeoutMs,
      });
      return withStop({ url, dir, log: server.log, startedMs: server.startedMs, pid: server.child.pid }, server.stop, cleanup);
    });
  } catch (error) {
    await cleanup();
    throw error;
  }
}


/**
 * Prism mocking the Kubeflow Model Registry from its OpenAPI spec, with CORS for any origin
 * (Prism's `--cors`, on by default). Not `--errors`: with it Prism also checks its own
 * example responses, which break the spec's `customProperties` oneOf, and answers 500 to
 * every valid POST. A request that breaks the spec is still answered with the spec's 4xx
 * and logged as `Violation: request…`, which `requestViolations()` returns.
 */
export async function startPrism({ spec = KUBEFLOW_SPEC, timeoutMs = 60_000 } = {}) {
  requireFile(PRISM, "run `scripts/setup.sh` (installs tests/ npm packages)");
  requireFile(spec, "the Kubeflow Model Registry OpenAPI spec is expected in ../shared/specs beside the project");
  const { dir, cleanup } = await tempDir("prism");
  try {
    return await onFreePort(async (port) => {
      const url = `http://127.0.0.1:${port}`;
      const server = await startProcess({
        name: "prism",
        command: PRISM,
        args: ["mock", "-h", "127.0.0.1", "-p", String(port), spec],
        dir,
        ready: async () => /Prism is listening on/.test(await readFile(join(dir, "prism.log"), "utf8")),
        timeoutMs,
      });
      // A pass-through proxy for two limits of Prism's (requests reach Prism unchanged, so it
      // still checks each): its example answers carry ids "string", which its own spec's id
      // pattern (`^[1-9][0-9]{0,8}$`) refuses in the next request's path — they become "1";
      // and it ignores the spec's discriminator, so no artifact body can match exactly one of
      // `Artifact`'s oneOf branches — its 400 to an artifact POST becomes the 201 a registry
      // gives, recorded in `prism.stoodIn` so a test can check that was the only violation.
      const proxy = await numericIdProxy(url);
      const prism = { url: proxy.url, stoodIn: proxy.stoodIn, dir, log: server.log, startedMs: server.startedMs, pid: server.child.pid };
      prism.requests = async () => prismRequests(await readFile(server.log, "utf8"));
      prism.requestViolations = async () =>
        (await prism.requests()).flatMap((r) => r.violations.map((v) => `${r.method} ${r.path}: ${v}`));
      return withStop(prism, async () => {
        await proxy.close();
        await server.stop();
      }, cleanup);
    });
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** The proxy described in `startPrism`, on a free port in front of `target`. */
async function numericIdProxy(target) {
  const stoodIn = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const upstream = httpRequest(target + req.url, { method: req.method, headers: req.headers }, (answer) => {
        const parts = [];
        answer.on("data", (c) => parts.push(c));
        answer.on("end", () => {
          let status = answer.statusCode;
          let text = Buffer.concat(parts).toString("utf8").replace(/"(\w*[iI]d)":"string"/g, '"$1":"1"');
          if (req.method === "POST" && /\/artifacts$/.test(req.url.split("?")[0]) && status === 400) {
            stoodIn.push(`${req.method} ${req.url}`);
            status = 201;
            text = JSON.stringify({ ...JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}"), id: "1" });
          }
          const body = Buffer.from(text);
          const headers = { ...answer.headers, "content-length": String(body.length) };
          delete headers["transfer-encoding"];
          res.writeHead(status, headers);
          res.end(body);
        });
      });
      upstream.on("error", (error) => {
        res.writeHead(502);
        res.end(String(error));
      });
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    stoodIn,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * The requests in Prism's log, in order: { method, path, violations } where `violations`
 * are the request's own spec violations (`request.body.name … must be string`), not those
 * of Prism's generated answers.
 */
export function prismRequests(text) {
  const requests = [];
  for (const line of text.split("\n")) {
    const received = line.match(/\[HTTP SERVER\] (\w+) (\S+) .*Request received/);
    if (received) {
      requests.push({ method: received[1].toUpperCase(), path: received[2], violations: [] });
      continue;
    }
    const violation = line.match(/Violation: (request\b.*)$/) ?? line.match(/(Request (?:path|query|header) parameter .*)$/);
    if (violation && requests.length > 0) requests.at(-1).violations.push(violation[1].trim());
  }
  return requests;
}

/**
 * MLServer serving `onnx` (a model.onnx path) with onnxruntime, through
 * `scripts/serve-onnx.sh <model.onnx> <port> <origin> [<model name>]` (which waits for
 * `/v2/health/ready` itself; this also waits for a model to be READY — MLServer is "ready"
 * before its models load). `name` is also given as MODEL_NAME. Resolves to
 * { url, name, models, stop } where `name` is the model as served (read back from MLServer's
 * repository index) and `models` all of them.
 */
export async function startMlserver({ onnx, origin, name = "course_network", timeoutMs = 180_000 }) {
  requireFile(join(VENV_BIN, "mlserver"), "run `scripts/python-env.sh` (`make e2e` runs it first)");
  requireFile(SERVE_ONNX, "it starts MLServer with the onnxruntime runtime in tests/serving/");
  const { dir, cleanup } = await tempDir("mlserver");
  try {
    return await onFreePort(async (port) => {
      const url = `http://127.0.0.1:${port}`;
      let models = [];
      const server = await startProcess({
        name: "mlserver",
        command: "bash",
        args: [SERVE_ONNX, resolve(onnx), String(port), origin, name],
        dir,
        env: { MODEL_NAME: name },
        // MLServer says ready before its models load: wait for a model that is READY too.
        ready: async () => {
          if (!(await answers(`${url}/v2/health/ready`))) return false;
          models = await servedModels(url);
          if (models.some((m) => m.state === "READY")) return true;
          if (models.length === 0 || models.every((m) => /UNAVAILABLE|FAILED/.test(m.state))) {
            const log = await readFile(join(dir, "mlserver.log"), "utf8");
            if (/failed to load|Couldn't load model/i.test(log)) {
              throw Object.assign(new Error(`MLServer could not load ${onnx}`), { fatal: true });
            }
          }
          return false;
        },
        timeoutMs,
      });
      const ready = models.filter((m) => m.state === "READY");
      const served = ready.some((m) => m.name === name) ? name : ready[0].name;
      return withStop({ url, name: served, models, dir, log: server.log, startedMs: server.startedMs, pid: server.child.pid }, server.stop, cleanup);
    });
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** MLServer's model repository index ([{ name, state, … }]); [] when it has none. */
async function servedModels(url) {
  const response = await fetch(`${url}/v2/repository/index`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  }).catch(() => null);
  if (!response?.ok) return [];
  return response.json().catch(() => []);
}
