import { defineConfig } from "vite";

// `pnpm --filter @glossa/web dev` serves the app with hot reload and sends
// /api and the websocket to a Glossa server on port 4321.
export default defineConfig({
  build: { outDir: "dist", sourcemap: "hidden", target: "es2022", chunkSizeWarningLimit: 1500 },
  server: {
    proxy: {
      "/api": "http://127.0.0.1:4321",
      "/collab": { target: "ws://127.0.0.1:4321", ws: true },
    },
  },
});
