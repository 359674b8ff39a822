import swc from "unplugin-swc";
import { defineConfig } from "vitest/config";

// SWC (not esbuild) so TypeGraphQL gets decorator metadata; the alias keeps one graphql realm.
export default defineConfig({
  plugins: [swc.vite({ module: { type: "es6" } })],
  resolve: { alias: { graphql: "graphql/index.js" } },
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
