import type { dropInEn } from "./dropIn.en.ts";

/// Las palabras de soltar un archivo sobre un documento abierto: las mismas
/// claves que `dropIn.en.ts`.
export const dropInEsMX: typeof dropInEn = {
  hint: "Empiece a escribir, o suelte aquí un archivo de Word, Markdown, HTML o texto.",
  target: "Suelte un archivo de Word, Markdown, HTML o texto para importarlo aquí",
  bringing: "Incorporando «{{name}}»…",
  brought: "«{{name}}» se incorporó a este documento.",
  notBrought: "«{{name}}» no se incorporó: {{reason}}",
  notEmpty:
    "«{{name}}» no se importó: este documento ya tiene texto y un archivo soltado nunca lo reemplaza. Para trabajar con el archivo, impórtelo como documento nuevo desde la lista de documentos.",
  notAllowed:
    "«{{name}}» no se importó: solo el propietario o un editor de este documento puede incorporarle un archivo.",
};
