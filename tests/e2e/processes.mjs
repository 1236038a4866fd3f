// Starting and stopping the servers the end-to-end tests talk to: each in its own process
// group with its output in a log file, polled until ready, shown when it fails to start, and
// killed by `stop()`, on exit and on Ctrl-C — so no server outlives a failed test.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { openSync, closeSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Every server still running and temp dir not yet removed, cleaned on exit whatever happened. */
const running = new Set();
const dirs = new Set();

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone (ESRCH): nothing to stop.
  }
}

/** `true` while any process of `child`'s group runs (signal 0 only checks). */
function groupAlive(child) {
  try {
    process.kill(-child.pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitGroup(child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (groupAlive(child) && Date.now() < deadline) await sleep(100);
}

process.on("exit", () => {
  for (const child of running) killGroup(child, "SIGKILL");
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
// Ctrl-C or the test runner's SIGTERM: exit, so the handler above runs.
process.once("SIGINT", () => process.exit(130));
process.once("SIGTERM", () => process.exit(143));

/** A port no one listens on now: the OS picks it (listen on port 0), then it is freed. */
export async function freePort() {
  const server = createServer();
  await new Promise((ok, fail) => server.once("error", fail).listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  await new Promise((ok) => server.close(ok));
  return port;
}

/** `true` when something accepts connections on 127.0.0.1:`port`. */
export function portInUse(port) {
  return new Promise((ok) => {
    const server = createServer();
    server.once("error", () => ok(true));
    server.listen(port, "127.0.0.1", () => server.close(() => ok(false)));
  });
}

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** The last `lines` lines of a log file, for error messages. */
export async function tail(file, lines = 40) {
  const text = await readFile(file, "utf8").catch(() => "");
  return text.split("\n").slice(-lines).join("\n");
}

/**
 * Starts `command args` in its own process group with output to `<dir>/<name>.log`, then
 * waits until `ready()` resolves true (polled) or `timeoutMs` passes or the process exits
 * (or `ready()` throws an error with `fatal: true`).
 * Returns { child, log, stop }; a failed start stops it and throws with the log's tail.
 */
export async function startProcess({ name, command, args, dir, env = {}, ready, timeoutMs }) {
  const log = join(dir, `${name}.log`);
  const fd = openSync(log, "a");
  const child = spawn(command, args, {
    cwd: dir,
    detached: true,
    stdio: ["ignore", fd, fd],
    env: { ...process.env, ...env },
  });
  closeSync(fd);
  running.add(child);
  let exited = null;
  const gone = new Promise((ok) => {
    child.once("exit", (code, signal) => {
      exited = { code, signal };
      ok();
    });
    child.once("error", (error) => {
      exited = { error };
      ok();
    });
  });
  // Stopped when the whole group is gone: MLflow's leader exits before its uvicorn worker.
  const stop = async () => {
    killGroup(child, "SIGTERM");
    await waitGroup(child, 10_000);
    // A server stuck finishing its requests gets SIGKILL.
    if (groupAlive(child)) killGroup(child, "SIGKILL");
    await gone;
    // Bounded: without a reaping init, killed children linger as zombies (ports freed).
    await waitGroup(child, 5_000);
    running.delete(child);
  };
  const started = Date.now();
  let fatal = null;
  // `ready()` throws an error marked `fatal` when waiting longer cannot help.
  const check = () =>
    ready().catch((error) => {
      if (error.fatal) fatal = error;
      return false;
    });
  while (!(await check())) {
    if (exited || fatal || Date.now() - started > timeoutMs) {
      const why = fatal
        ? fatal.message
        : exited
          ? `exited (${exited.error?.message ?? exited.signal ?? `code ${exited.code}`})`
          : `was not ready after ${Math.round(timeoutMs / 1000)} s`;
      await stop();
      throw new Error(`${name} ${why}: \`${command} ${args.join(" ")}\`\n--- ${log} (last lines) ---\n${await tail(log)}`);
    }
    await sleep(500);
  }
  return { child, log, stop, startedMs: Date.now() - started };
}

/** `true` when GET `url` answers with a status accepted by `ok` (default: 200). */
export async function answers(url, ok = (status) => status === 200) {
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  await response.arrayBuffer();
  return ok(response.status);
}

/**
 * Retries `start(port)` on a fresh port when the one picked was taken in between (the
 * moment between asking the OS and the server binding it).
 */
export async function onFreePort(start) {
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    try {
      return await start(port);
    } catch (error) {
      if (attempt >= 3 || !/address already in use|EADDRINUSE|Errno 98/i.test(error.message)) throw error;
    }
  }
}

/** A temp dir removed by the returned `cleanup()`. */
export async function tempDir(prefix) {
  const dir = await mkdtemp(join(tmpdir(), `jukebox-e2e-${prefix}-`));
  dirs.add(dir);
  const cleanup = async () => {
    await rm(dir, { recursive: true, force: true });
    dirs.delete(dir);
  };
  return { dir, cleanup };
}

/** Adds `stop()` (idempotent: the server, then its temp dir) to `server`. */
export function withStop(server, stopProcess, cleanup) {
  let stopping = null;
  server.stop = () => {
    stopping ??= stopProcess().then(cleanup);
    return stopping;
  };
  return server;
}

