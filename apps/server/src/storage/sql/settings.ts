import { randomBytes } from "node:crypto";
import { ACCESS_VERSION_KEY } from "../Store.ts";
import type { Sql } from "./Sql.ts";

/// The root of the SQL tables both stores share (`tables.ts`): the
/// connection, the key-value settings with the access version, failed
/// sign-in attempts and the journal's length.
export abstract class SettingsTables {
  constructor(readonly sql: Sql) {}

  /// Moves the access version: live connections re-read shares and sessions.
  protected async bumpAccess(): Promise<void> {
    await this.setSetting(ACCESS_VERSION_KEY, `${Date.now()}-${randomBytes(6).toString("hex")}`);
  }

  async accessVersion(): Promise<string> {
    return (await this.getSetting(ACCESS_VERSION_KEY)) ?? "";
  }

  async getSetting(key: string): Promise<string | null> {
    const r = (await this.sql.all("SELECT value FROM settings WHERE key = ?", [key]))[0];
    return r ? (r.value as string) : null;
  }
  async setSetting(key: string, value: string): Promise<void> {
    await this.sql.run(
      "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      [key, value],
    );
  }
  async compareAndSetSetting(
    key: string,
    expected: string | null,
    value: string,
  ): Promise<boolean> {
    const changed =
      expected === null
        ? await this.sql.run(
            "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
            [key, value],
          )
        : await this.sql.run("UPDATE settings SET value = ? WHERE key = ? AND value = ?", [
            value,
            key,
            expected,
          ]);
    return changed === 1;
  }
  async deleteSetting(key: string): Promise<void> {
    await this.sql.run("DELETE FROM settings WHERE key = ?", [key]);
  }

  async recordFailedAttempt(
    scope: string,
    key: string,
    at: number,
    forgetBefore: number,
  ): Promise<void> {
    await this.sql.batch([
      { sql: "DELETE FROM failed_attempts WHERE at < ?", params: [forgetBefore] },
      {
        sql: "INSERT INTO failed_attempts (scope, key, at) VALUES (?, ?, ?)",
        params: [scope, key, at],
      },
    ]);
  }
  async failedAttemptsSince(scope: string, key: string, since: number): Promise<number[]> {
    const rows = await this.sql.all(
      "SELECT at FROM failed_attempts WHERE scope = ? AND key = ? AND at > ? ORDER BY at",
      [scope, key, since],
    );
    return rows.map((r) => Number(r.at));
  }
  async clearFailedAttempts(scope: string, key: string): Promise<void> {
    await this.sql.run("DELETE FROM failed_attempts WHERE scope = ? AND key = ?", [scope, key]);
  }

  async journalLength(name: string): Promise<number> {
    const r = (await this.sql.all("SELECT COUNT(*) AS n FROM journal WHERE name = ?", [name]))[0];
    return Number(r!.n);
  }
}
