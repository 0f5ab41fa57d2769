const gc = globalThis.gc;
const h = async () => { for (let i = 0; i < 3; i++) { gc(); await new Promise((r) => setTimeout(r, 30)); } return process.memoryUsage(); };
const name = process.argv[2];
const a = await h();
await import(name);
const b = await h();
console.log(name.padEnd(24), ((b.heapUsed - a.heapUsed) / 1048576).toFixed(1), "MB heap", ((b.rss - a.rss) / 1048576).toFixed(1), "MB rss");
process.exit(0);
