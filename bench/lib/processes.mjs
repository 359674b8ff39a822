// Starting, watching and stopping the processes of a run. Every child is tied to the runner: forked
// children exit when the IPC channel closes, and the service under test gets SIGTERM (exit-with-parent).
import { fork } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const children = new Set();
process.once("exit", () => {
  for (const child of children) child.kill("SIGKILL");
});

/** Forks `script` with IPC; `ready` resolves with its `{ready}` message, if it sends one. */
export function startChild(
  script,
  { env = {}, cleanEnv = false, execArgv = [], args = [], name = script } = {},
) {
  const child = fork(fileURLToPath(script), args, {
    env: cleanEnv ? env : { ...process.env, ...env },
    execArgv,
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  children.add(child);
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  let nextId = 1;
  const pending = new Map();
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  child.on("message", (message) => {
    const waiter = pending.get(message.id);
    if (waiter) {
      pending.delete(message.id);
      waiter(message);
    }
  });
  const ready = new Promise((resolve, reject) => {
    child.on("message", (message) => message.ready && resolve(message));
    exited.then(({ code, signal }) =>
      reject(new Error(`${name} exited (${code ?? signal}) before it was ready:\n${stderr}`)),
    );
  });
  ready.catch(() => {}); // a child that never says ready (the service) is awaited another way
  return {
    child,
    pid: child.pid,
    ready,
    stderr: () => stderr,
    /** Sends `{cmd, ...}` and resolves with the reply of the same id. */
    call(cmd, body = {}) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        child.send({ id, cmd, ...body });
      });
    },
    /** Ends the child at once (no drain): the runner's way between cells. */
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
      children.delete(child);
    },
    /** Graceful stop (SIGTERM, then SIGKILL after `timeoutMs`): lets a profiled service write its profile. */
    async stop(timeoutMs = 10_000) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
        await exited;
        clearTimeout(timer);
      }
      children.delete(child);
      return exited;
    },
  };
}

/** A port free on loopback right now (the service takes its port from PORT). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers 200, or fails after `timeoutMs`. */
export async function waitForHttp(url, { timeoutMs = 30_000, alive = () => true } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (!alive()) throw new Error(`process behind ${url} exited while starting`);
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const statusField = (pid, field) => {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) * 1024 : undefined;
};

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ: 100 on every mainstream Linux architecture). */
const USER_HZ = 100;

/** CPU time (user + system) a process has used so far, in ms; undefined where /proc is not there. */
export function cpuTimeMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
  } catch {
    return undefined;
  }
}

/**
 * Peak resident set size of a process (Linux VmHWM). `reset()` brings the peak down to the current
 * RSS (`/proc/<pid>/clear_refs` 5), so each measured cell reports its own peak.
 */
export function memoryWatch(pid) {
  const supported = (() => {
    try {
      return statusField(pid, "VmHWM") !== undefined;
    } catch {
      return false;
    }
  })();
  return {
    supported,
    reset() {
      if (!supported) return;
      try {
        writeFileSync(`/proc/${pid}/clear_refs`, "5");
      } catch {
        // older kernels: the peak then covers the process's whole life so far
      }
    },
    peak: () => (supported ? statusField(pid, "VmHWM") : undefined),
  };
}
