// A throwaway redis-server on a free loopback port, for tests of Redis going away and coming back:
// killed, its connections drop at once; restarted on the same port, it starts empty (no persistence).
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, "close");
  return port;
}

/** Whether the redis-server binary is on PATH (the tests that start one are skipped without it). */
export const hasRedisServer = await new Promise<boolean>((resolve) => {
  const probe = spawn("redis-server", ["--version"], { stdio: "ignore" });
  probe.on("error", () => resolve(false));
  probe.on("exit", (code) => resolve(code === 0));
});

/** Resolves once the server accepts connections. */
export async function startRedisServer(port: number): Promise<ChildProcess> {
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  for (let i = 0; i < 100 && !output.includes("Ready to accept connections"); i++) await sleep(50);
  if (!output.includes("Ready to accept connections"))
    throw new Error(`redis-server did not start: ${output}`);
  return child;
}

/** Kills it outright (no shutdown): to its clients, Redis went away. */
export async function stopRedisServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return; // already gone
  child.kill("SIGKILL");
  await once(child, "exit");
}
