/// `glossa backup` / `restore`: one portable backup file from either store
/// (docs/decisions/0005-backup-and-restore.md). The parts live in `backup/`:
/// `format.ts` (the file's description and conversions), `write.ts`,
/// `verify.ts`, `restore.ts`.
export {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BackupError,
  type BackupInfo,
  type OnProgress,
  type Progress,
} from "./backup/format.ts";
export { restoreStore } from "./backup/restore.ts";
export { verifyBackup } from "./backup/verify.ts";
export { backupStore } from "./backup/write.ts";
