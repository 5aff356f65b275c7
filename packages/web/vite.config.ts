import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

/**
 * The production build goes to `dist/` with content-hashed names under `assets/`, which the embedded host
 * (and later CloudFront) serves with a one-year immutable cache; `index.html` is revalidated on every load.
 * In development, `/api` is proxied to a host started with `npm start` (or `SHOEBOX_API_URL`).
 */
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    assetsDir: "assets",
    sourcemap: false,
    target: "es2022",
  },
  server: {
    proxy: { "/api": process.env.SHOEBOX_API_URL ?? "http://127.0.0.1:8080" },
  },
  test: {
    include: ["src/**/*.test.{ts,tsx}"],
    environment: "jsdom",
    restoreMocks: true,
  },
});
