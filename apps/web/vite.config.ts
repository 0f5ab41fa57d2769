import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { defineConfig, type Plugin } from "vite";

/// Writes `.br` and `.gz` beside each text file of the build, so the server
/// sends them as they are (no compression per request; docs/api.md).
function precompress(): Plugin {
  return {
    name: "glossa-precompress",
    apply: "build",
    closeBundle() {
      const walk = (dir: string) => {
        for (const e of readdirSync(dir, { withFileTypes: true })) {
          const f = path.join(dir, e.name);
          if (e.isDirectory()) walk(f);
          else if (/\.(html|js|css|svg|json|txt)$/.test(f)) {
            const raw = readFileSync(f);
            const q = { [constants.BROTLI_PARAM_QUALITY]: 11 };
            writeFileSync(`${f}.br`, brotliCompressSync(raw, { params: q }));
            writeFileSync(`${f}.gz`, gzipSync(raw, { level: 9 }));
          }
        }
      };
      walk(path.resolve(import.meta.dirname, "dist"));
    },
  };
}

// `pnpm --filter @glossa/web dev` serves the app with hot reload and sends
// /api and the websocket to a Glossa server on port 4321.
export default defineConfig({
  plugins: [precompress()],
  build: { outDir: "dist", sourcemap: "hidden", target: "es2022", chunkSizeWarningLimit: 1500 },
  server: {
    proxy: {
      "/api": "http://127.0.0.1:4321",
      "/collab": { target: "ws://127.0.0.1:4321", ws: true },
    },
  },
});
