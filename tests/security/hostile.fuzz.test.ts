import { hostileSuite } from "./hostileSuite.ts";

/// The long hostile-tenant run in `pnpm test:fuzz` (GLOSSA_FUZZ=long): 60 s
/// per attack; skipped in `pnpm test`, which runs hostile.test.ts.
hostileSuite(60_000, true);
