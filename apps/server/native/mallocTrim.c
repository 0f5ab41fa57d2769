/* malloc_trim(0) for node: glibc keeps the pages its arenas have freed
 * (fragments below the top of each arena, which its trim threshold never
 * reaches) until the process calls malloc_trim, and node does not expose it
 * (docs/benchmarks.md, "Memory": after everyone leaves). A Node-API module:
 * the few Node-API functions it uses are declared here, not taken from
 * node_api.h, so building it needs only a C compiler and glibc's headers
 * (scripts/build-native.mjs). Exports mallocTrim(): boolean, true when
 * memory was given back to the system. */
#include <malloc.h>
#include <stddef.h>

typedef struct napi_env__ *napi_env;
typedef struct napi_value__ *napi_value;
typedef struct napi_callback_info__ *napi_callback_info;
typedef int napi_status; /* napi_ok = 0 */
typedef napi_value (*napi_callback)(napi_env, napi_callback_info);

extern napi_status napi_create_function(napi_env, const char *, size_t, napi_callback, void *,
                                        napi_value *);
extern napi_status napi_set_named_property(napi_env, napi_value, const char *, napi_value);
extern napi_status napi_get_boolean(napi_env, int, napi_value *);

static napi_value trim(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value out = NULL;
  napi_get_boolean(env, malloc_trim(0), &out);
  return out;
}

/* Node-API's module entry point (what NAPI_MODULE_INIT defines). */
napi_value napi_register_module_v1(napi_env env, napi_value exports) {
  napi_value fn;
  if (napi_create_function(env, "mallocTrim", (size_t)-1, trim, NULL, &fn) == 0)
    napi_set_named_property(env, exports, "mallocTrim", fn);
  return exports;
}

/* The Node-API version it needs (1: every function above). */
int node_api_module_get_api_version_v1(void) { return 1; }
