import type { z } from "zod";
import type { EndpointRow } from "./endpoints.ts";

/// The HTTP API as types, for clients (the web app's `api()`): each endpoint
/// named `"METHOD /path/:param"`, with the body its request schema takes and
/// the answer its response schema describes. Types only — nothing here is
/// in a bundle that imports it with `import type` — so a change of a schema
/// in this package is a type error at every call site that no longer fits.

/// `"GET /api/documents/:id"`, one per row of ENDPOINTS.
export type RouteKey = EndpointRow extends infer E
  ? E extends { method: infer M extends string; path: infer P extends string }
    ? `${M} ${P}`
    : never
  : never;

/// The row of ENDPOINTS a route names.
type RowOf<K extends RouteKey> = Extract<
  EndpointRow,
  {
    method: K extends `${infer M} ${string}` ? M : never;
    path: K extends `${string} ${infer P}` ? P : never;
  }
>;

/// The names of a pattern's `:params`.
type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/// What a success status's schema decodes to (nothing for 204 or a file).
type Decoded<O> = O extends { schema: infer S extends z.ZodType }
  ? z.output<S>
  : O extends { status: 204 }
    ? undefined
    : string;

/// The JSON body a route takes (`never`: it takes none).
export type RouteBody<K extends RouteKey> =
  RowOf<K> extends { body: infer B extends z.ZodType } ? z.input<B> : never;

/// What a route answers on success (both successes where it has two).
export type RouteAnswer<K extends RouteKey> =
  | Decoded<RowOf<K>["ok"]>
  | (RowOf<K> extends { alsoOk: infer A } ? Decoded<A> : never);

/// The path parameters of a route, by name.
export type RouteParams<K extends RouteKey> = {
  [N in ParamNames<RowOf<K>["path"]>]: string;
};

/// The query parameters a route reads (`never`: it reads none), each
/// optional; a free-text or numeric one takes a number or flag too (it is
/// sent as its string), a closed list only its own values.
export type RouteQuery<K extends RouteKey> =
  RowOf<K> extends { query: infer Q extends z.ZodType }
    ? {
        // (`string extends N`: the index signature of `Endpoint["query"]`, not a parameter)
        [N in keyof z.output<Q> as string extends N ? never : N]?:
          | z.output<Q>[N]
          | (string extends NonNullable<z.output<Q>[N]> ? number | boolean : never);
      }
    : never;

/// Everything a call of a route gives besides its name: its path parameters,
/// its body when it takes one, and its query when it reads one.
export type RouteInput<K extends RouteKey> = RouteParams<K> &
  ([RouteBody<K>] extends [never] ? { body?: never } : { body: RouteBody<K> }) &
  ([RouteQuery<K>] extends [never] ? { query?: never } : { query?: RouteQuery<K> });
