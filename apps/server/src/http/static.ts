import { createReadStream, existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
};

/// Types worth compressing (images and fonts already are).
const COMPRESSIBLE = new Set([".html", ".js", ".css", ".svg", ".json", ".txt"]);

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

type Encoding = "br" | "gzip";

/// Compressed copies of files, by path, encoding, size and modification
/// time: each file is compressed once per build, then served from memory.
/// Brotli at its best level takes seconds for the app's largest bundle on a
/// busy machine (4 s measured for 591 kB on the 2-core test machine), so
/// the build writes `.br`/`.gz` files, served as they are; without them
/// (a build by other means) brotli runs in the background and a request
/// that comes first gets gzip meanwhile. Bounded by total size.
const ready = new Map<string, Buffer>();
const pending = new Map<string, Promise<Buffer>>();
let cachedBytes = 0;
const MAX_CACHED_BYTES = 64 * 1024 * 1024;
/// Files this small are worth waiting for brotli.
const WAIT_FOR_BROTLI_BYTES = 64 * 1024;

function compressed(file: string, enc: Encoding, size: number, mtime: number): Promise<Buffer> {
  const key = `${enc}:${file}:${size}:${mtime}`;
  const done = ready.get(key);
  if (done) return Promise.resolve(done);
  let p = pending.get(key);
  if (!p) {
    p = readFile(file).then((raw) =>
      enc === "br"
        ? brotli(raw, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: 11,
              [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
            },
          })
        : gzipAsync(raw, { level: 9 }),
    );
    pending.set(key, p);
    p.then(
      (b) => {
        pending.delete(key);
        if (cachedBytes + b.length > MAX_CACHED_BYTES) {
          ready.clear();
          cachedBytes = 0;
        }
        ready.set(key, b);
        cachedBytes += b.length;
      },
      () => pending.delete(key),
    );
  }
  return p;
}

const isReady = (file: string, enc: Encoding, size: number, mtime: number) =>
  ready.has(`${enc}:${file}:${size}:${mtime}`);

/// The best encoding the client accepts (`br` before `gzip`), or null.
export function pickEncoding(accept: string | undefined): Encoding | null {
  const offered = new Map<string, number>();
  for (const part of (accept ?? "").split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    offered.set(name, q === undefined ? 1 : Number(q));
  }
  const ok = (n: string) => (offered.get(n) ?? offered.get("*") ?? 0) > 0;
  if (ok("br")) return "br";
  if (ok("gzip")) return "gzip";
  return null;
}

/// Serves the built web app; unknown paths get index.html (client routing),
/// except paths that name a file (`/assets/x.js`), which get 404. Text is
/// compressed (br or gzip, by Accept-Encoding); hashed assets are cached for
/// a year, the rest revalidated. Source maps are never served: they are
/// built hidden (apps/web/vite.config.ts) for error reports, not the public.
export async function serveStatic(
  root: string,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<void> {
  const index = path.join(root, "index.html");
  if (!existsSync(index)) {
    res.writeHead(503, { "Content-Type": "text/plain; charset=utf-8" });
    res.end(
      "The Glossa web app has not been built yet. Run `pnpm start` (it builds the app), or `pnpm --filter @glossa/web build`.\n",
    );
    return;
  }
  let file = path.normalize(path.join(root, pathname));
  const named = path.extname(pathname) !== "";
  const exists =
    file.startsWith(root + path.sep) &&
    !file.endsWith(".map") &&
    existsSync(file) &&
    statSync(file).isFile();
  if (!exists) {
    if (named) {
      res.writeHead(404, {
        "Content-Type": "text/plain; charset=utf-8",
        "Cache-Control": "no-store",
      });
      res.end("Not found.\n");
      return;
    }
    file = index;
  }
  const ext = path.extname(file);
  const immutable = file.includes(`${path.sep}assets${path.sep}`);
  const stat = statSync(file);
  const headers: Record<string, string | number> = {
    "Content-Type": TYPES[ext] ?? "application/octet-stream",
    "Cache-Control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
  };
  const enc = COMPRESSIBLE.has(ext) ? pickEncoding(req.headers["accept-encoding"]) : null;
  if (COMPRESSIBLE.has(ext)) headers.Vary = "Accept-Encoding";
  if (!enc) {
    res.writeHead(200, { ...headers, "Content-Length": stat.size });
    if (req.method === "HEAD") res.end();
    else createReadStream(file).pipe(res);
    return;
  }
  // Precompressed at build (apps/web/vite.config.ts): sent as it is.
  const pre = `${file}.${enc === "br" ? "br" : "gz"}`;
  if (existsSync(pre)) {
    const ps = statSync(pre);
    if (ps.mtimeMs >= stat.mtimeMs) {
      res.writeHead(200, { ...headers, "Content-Encoding": enc, "Content-Length": ps.size });
      if (req.method === "HEAD") res.end();
      else createReadStream(pre).pipe(res);
      return;
    }
  }
  let use: Encoding = enc;
  if (
    enc === "br" &&
    stat.size > WAIT_FOR_BROTLI_BYTES &&
    !isReady(file, "br", stat.size, stat.mtimeMs) &&
    pickEncoding(req.headers["accept-encoding"]?.replace(/\bbr\b[^,]*/gi, "")) === "gzip"
  ) {
    void compressed(file, "br", stat.size, stat.mtimeMs).catch(() => {});
    use = "gzip";
  }
  const body = await compressed(file, use, stat.size, stat.mtimeMs);
  res.writeHead(200, { ...headers, "Content-Encoding": use, "Content-Length": body.length });
  res.end(req.method === "HEAD" ? undefined : body);
}
