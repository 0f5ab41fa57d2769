/// The roles a person can hold on a document, strongest first.
export const ROLES = ["owner", "editor", "annotator", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/// What a role may do. The server checks these for every message and
/// endpoint; the web app uses them only to hide what would be refused.
export interface Capabilities {
  read: boolean;
  editText: boolean;
  annotate: boolean;
  share: boolean;
  manageVersions: boolean;
  /// Change the document's title.
  rename: boolean;
  /// Move the document to the trash, restore it from there, delete it for good.
  delete: boolean;
  /// Add to the team's authorities (a person holding this role on at least
  /// one document may; editing or deleting one is further limited to its adder).
  curateSources: boolean;
  /// Import a W3C collection of annotations (it writes other people's names on threads).
  importAnnotations: boolean;
  /// Delete other people's annotations (everyone who annotates may delete their own).
  moderateAnnotations: boolean;
}

export function capabilities(role: Role | null): Capabilities {
  switch (role) {
    case "owner":
      return {
        read: true,
        editText: true,
        annotate: true,
        share: true,
        manageVersions: true,
        rename: true,
        delete: true,
        curateSources: true,
        importAnnotations: true,
        moderateAnnotations: true,
      };
    case "editor":
      return {
        read: true,
        editText: true,
        annotate: true,
        share: false,
        manageVersions: true,
        rename: true,
        delete: false,
        curateSources: true,
        importAnnotations: true,
        moderateAnnotations: true,
      };
    case "annotator":
      return {
        read: true,
        editText: false,
        annotate: true,
        share: false,
        manageVersions: false,
        rename: false,
        delete: false,
        curateSources: false,
        importAnnotations: false,
        moderateAnnotations: false,
      };
    case "viewer":
      return {
        read: true,
        editText: false,
        annotate: false,
        share: false,
        manageVersions: false,
        rename: false,
        delete: false,
        curateSources: false,
        importAnnotations: false,
        moderateAnnotations: false,
      };
    case null:
      return {
        read: false,
        editText: false,
        annotate: false,
        share: false,
        manageVersions: false,
        rename: false,
        delete: false,
        curateSources: false,
        importAnnotations: false,
        moderateAnnotations: false,
      };
    default:
      throw new Error(`unreachable: ${role as string}`);
  }
}

/// Compares roles: positive when `a` is stronger than `b`.
export function compareRoles(a: Role, b: Role): number {
  return ROLES.indexOf(b) - ROLES.indexOf(a);
}
