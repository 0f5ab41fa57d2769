import { hostileSuite } from "./hostileSuite.ts";

/// The short hostile-tenant run in `pnpm test`: 6 s per attack.
hostileSuite(6_000);
