import type { integrationsEn } from "./integrations.en.ts";

/// Las palabras de «Tokens de API» y «Webhooks» de la página Cuenta: las
/// mismas claves que `integrations.en.ts`.
export const integrationsEsMX: typeof integrationsEn = {
  tokens: {
    title: "Tokens de API",
    hint: "Los scripts y otras herramientas usan un token en lugar de su contraseña. Un token actúa en su nombre, limitado a los documentos y al rol más alto que usted elija; al revocarlo deja de funcionar de inmediato.",
    ceiling: "como máximo {{role}}",
    documents_one: "{{count}} documento",
    documents_other: "{{count}} documentos",
    allDocuments: "todos sus documentos",
    lastUsed: "usado por última vez el {{when}}",
    neverUsed: "nunca usado",
    expires: "vence el {{when}}",
    revoke: "Revocar",
    never: "nunca (hasta que se revoque)",
    inDays: "en {{count}} días",
    documentsLegend: "Documentos",
    all: "Todos mis documentos, y los nuevos que cree",
    copyNow: "Copie el token ahora: solo se muestra una vez.",
    name: "Nombre (para qué es)",
    role: "Rol más alto",
    expiry: "Vence",
    create: "Crear token",
  },
  webhooks: {
    title: "Webhooks",
    hint: "Glossa puede avisar a otro sistema cuando cambian las anotaciones, las versiones o el uso compartido de los documentos de los que usted es propietario, con una solicitud firmada a la dirección que elija.",
    events: "Eventos",
    delivery: "{{when}} · {{event}} · {{status}} · {{attempts}}",
    attempts_one: "{{count}} intento",
    attempts_other: "{{count}} intentos",
    answered: "respondió {{status}}",
    oneDocument: "un documento",
    allDocuments: "todos sus documentos",
    delete: "Eliminar",
    allOwned: "Todos los documentos de los que es propietario",
    secret: "El secreto de firma, que solo se muestra una vez:",
    address: "Dirección",
    documents: "Documentos",
    add: "Agregar webhook",
  },
};
