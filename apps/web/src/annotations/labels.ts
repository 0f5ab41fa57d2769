import { ANNOTATION_KINDS } from "@glossa/annotations";
import { has, language, t } from "../i18n/index.ts";

/// A claim status in the person's language (an unknown one as it is).
export const statusLabel = (s: string) =>
  has(`annotations.status.${s}`) ? t(`annotations.status.${s as "sourced"}`) : s;

/// Why a detached annotation lost its place, in words for the person.
export const detachText = (reason: string) =>
  has(`annotations.detach.${reason}`)
    ? t(`annotations.detach.${reason as "deleted"}`)
    : t("annotations.detachedOther");

/// An annotation kind in the person's language.
export const kindLabel = (id: string) =>
  has(`annotations.kinds.${id}`)
    ? t(`annotations.kinds.${id as "comment"}`)
    : (ANNOTATION_KINDS.find((k) => k.id === id)?.label ?? id);

/// An audit action ("created", "resolved", …) in the person's language.
export const auditAction = (action: string) =>
  has(`annotations.audit.${action}`) ? t(`annotations.audit.${action as "created"}`) : action;

/// When something happened: "just now", minutes ago, a time today, a date.
export function when(iso: string): string {
  const d = new Date(iso);
  const diff = (Date.now() - d.getTime()) / 1000;
  if (diff < 60) return t("rename.justNow");
  if (diff < 3600) return t("annotations.minutesAgo", { count: Math.floor(diff / 60) });
  if (diff < 86400 && d.getDate() === new Date().getDate())
    return d.toLocaleTimeString(language(), { hour: "2-digit", minute: "2-digit" });
  return d.toLocaleDateString(language(), { day: "numeric", month: "short", year: "numeric" });
}
