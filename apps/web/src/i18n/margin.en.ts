/// The margin's keyboard and live-region words (kept apart from `en.ts`,
/// which is at its size limit); `margin.es-MX.ts` has the same keys.
export const marginEn = {
  list: "Annotations beside the text",
  dense: {
    more_one: "{{count}} more thread on this paragraph",
    more_other: "{{count}} more threads on this paragraph",
    fewer: "Show fewer threads on this paragraph",
  },
  detached: {
    button_one: "{{count}} detached annotation",
    button_other: "{{count}} detached annotations",
  },
  remote: {
    created: "{{name}} added a {{kind}} on “{{quote}}”.",
    replied: "{{name}} replied in the thread on “{{quote}}”.",
    resolved: "{{name}} resolved the thread on “{{quote}}”.",
    reopened: "{{name}} reopened the thread on “{{quote}}”.",
    edited: "{{name}} edited a message in the thread on “{{quote}}”.",
    deleted: "{{name}} deleted a message in the thread on “{{quote}}”.",
  },
};
