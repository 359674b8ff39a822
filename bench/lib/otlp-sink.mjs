// Child process: a loopback OTLP/HTTP traces receiver for `BENCH_TRACING`. It accepts exports in either
// encoding and answers 200 at once, so the service pays for building, encoding and sending its spans,
// and the measurement does not depend on a collector's speed.
import { createServer } from "node:http";

const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    const json = (req.headers["content-type"] ?? "").startsWith("application/json");
    res.writeHead(200, { "content-type": json ? "application/json" : "application/x-protobuf" });
    res.end(json ? "{}" : undefined);
  });
});
server.listen(0, "127.0.0.1", () => process.send({ ready: true, port: server.address().port }));
process.on("disconnect", () => process.exit(0));
