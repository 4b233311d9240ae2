import { fileURLToPath } from "node:url";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root,
  base: "/",
  plugins: [svelte()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // One big font is expected (Noto Sans SC is split by unicode range and loaded per glyph block).
    chunkSizeWarningLimit: 1200,
  },
  server: { proxy: { "/graphql": { target: "http://localhost:4000", ws: true }, "/export": "http://localhost:4000" } },
});
