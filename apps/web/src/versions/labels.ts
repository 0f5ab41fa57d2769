import { annotationKind } from "@glossa/annotations";
import { fmt, has, t } from "../i18n/index.ts";
import type { VersionView } from "./wire.ts";

/// The words History shows for dates, kinds, claim statuses and versions.

export const when = (iso: string | null) => (iso ? fmt.dateTime(iso) : "");

export const kindLabel = (kind: string) =>
  has(`annotations.kinds.${kind}`)
    ? t(`annotations.kinds.${kind as "comment"}`)
    : (annotationKind(kind)?.label ?? kind);

export const statusLabel = (s: string) =>
  has(`annotations.status.${s}`) ? t(`annotations.status.${s as "sourced"}`) : s;

/// What a version is and who made it when, in a sentence.
export function describe(v: VersionView): string {
  const what =
    v.kind === "auto"
      ? t("history.describe.auto")
      : v.kind === "restore"
        ? t("history.describe.restore", {
            name: v.restoredFrom?.name ?? t("history.describe.earlier"),
          })
        : t("history.describe.named");
  const at = when(v.createdAt);
  return v.createdBy
    ? t("history.describe.by", { what, at, name: v.createdBy.name })
    : t("history.describe.plain", { what, at });
}
