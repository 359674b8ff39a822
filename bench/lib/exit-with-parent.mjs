// Preloaded into the service under test (`node --import`): when the benchmark runner goes away, for
// whatever reason, the service gets the SIGTERM its own graceful shutdown expects. Nothing else.
if (process.channel) {
  process.channel.unref();
  process.once("disconnect", () => process.kill(process.pid, "SIGTERM"));
}
