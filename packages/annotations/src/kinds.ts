/// W3C Web Annotation motivations Glossa uses (a subset of the thirteen in
/// the Web Annotation Vocabulary).
export type Motivation =
  | "commenting"
  | "questioning"
  | "assessing"
  | "editing"
  | "highlighting"
  | "linking"
  | "tagging"
  | "replying";

/// What kind of annotation a thread is. Kinds are data: the web app draws
/// them from this table, and export maps them onto W3C motivations.
export interface AnnotationKind {
  id: string;
  label: string;
  /// CSS colour of the highlight and the margin marker.
  colour: string;
  /// Icon name (lucide icon set).
  icon: string;
  motivation: Motivation;
  /// Whether the kind carries a claim status (unsupported → sourced → verified | disputed).
  hasStatus: boolean;
}

/// The built-in kinds, in the order the web app offers them.
export const ANNOTATION_KINDS: readonly AnnotationKind[] = Object.freeze([
  {
    id: "comment",
    label: "Comment",
    colour: "#f2c94c",
    icon: "message-square",
    motivation: "commenting",
    hasStatus: false,
  },
  {
    id: "claim",
    label: "Claim",
    colour: "#5b8def",
    icon: "scale",
    motivation: "assessing",
    hasStatus: true,
  },
  {
    id: "question",
    label: "Question",
    colour: "#a66cd9",
    icon: "help-circle",
    motivation: "questioning",
    hasStatus: false,
  },
  {
    id: "issue",
    label: "Issue",
    colour: "#e05252",
    icon: "alert-triangle",
    motivation: "editing",
    hasStatus: false,
  },
  {
    id: "highlight",
    label: "Highlight",
    colour: "#ffe36e",
    icon: "highlighter",
    motivation: "highlighting",
    hasStatus: false,
  },
]);

/// Id of a built-in kind.
export type AnnotationKindId = "comment" | "claim" | "question" | "issue" | "highlight";

/// The kind with `id`, or undefined.
export function annotationKind(id: string): AnnotationKind | undefined {
  return ANNOTATION_KINDS.find((k) => k.id === id);
}

/// The kind a W3C motivation imports as (`linking` and unknown ones become comments).
export function kindForMotivation(motivation: string): AnnotationKindId {
  switch (motivation) {
    case "questioning":
      return "question";
    case "assessing":
      return "claim";
    case "editing":
      return "issue";
    case "highlighting":
      return "highlight";
    default:
      return "comment";
  }
}

/// One term of a team's controlled tag vocabulary. `id` is what annotations
/// store; `uri` optionally ties the term to an external vocabulary.
export interface Tag {
  id: string;
  label: string;
  colour?: string;
  uri?: string;
}

/// A team's controlled vocabulary of tags. Annotations may carry only tags
/// whose id is in it.
export interface TagVocabulary {
  tags: readonly Tag[];
}

/// Looks a tag up by id.
export function findTag(vocabulary: TagVocabulary, id: string): Tag | undefined {
  return vocabulary.tags.find((t) => t.id === id);
}
