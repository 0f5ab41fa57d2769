import type { marginEn } from "./margin.en.ts";

/// Las palabras del margen para el teclado y los avisos: las mismas claves
/// que `margin.en.ts`.
export const marginEsMX: typeof marginEn = {
  list: "Anotaciones junto al texto",
  dense: {
    more_one: "{{count}} hilo más en este párrafo",
    more_other: "{{count}} hilos más en este párrafo",
    fewer: "Mostrar menos hilos de este párrafo",
  },
  detached: {
    button_one: "{{count}} anotación desprendida",
    button_other: "{{count}} anotaciones desprendidas",
  },
  remote: {
    created: "{{name}} añadió una anotación ({{kind}}) sobre «{{quote}}».",
    replied: "{{name}} respondió en el hilo sobre «{{quote}}».",
    resolved: "{{name}} resolvió el hilo sobre «{{quote}}».",
    reopened: "{{name}} reabrió el hilo sobre «{{quote}}».",
    edited: "{{name}} editó un mensaje del hilo sobre «{{quote}}».",
    deleted: "{{name}} eliminó un mensaje del hilo sobre «{{quote}}».",
  },
};
