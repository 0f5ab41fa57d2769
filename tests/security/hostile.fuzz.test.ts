import { hostileSuite } from "./hostileSuite.ts";

/// The long hostile-tenant run in `pnpm test:fuzz`: 60 s per attack.
hostileSuite(60_000);
