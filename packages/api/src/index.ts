export * from "./answers.ts";
export * from "./docs.ts";
export * from "./endpoints.ts";
export * from "./queries.ts";
export * from "./requests.ts";
export * from "./routes.ts";
export * from "./schemas.ts";
export * from "./views.ts";
