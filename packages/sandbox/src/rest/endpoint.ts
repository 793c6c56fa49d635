import { ENDPOINTS, type EndpointName, type HttpMethod } from '@ecgrid-bridge/catalog';

const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'DELETE'];

/** A route's method and path, from the endpoint table: each REST endpoint is named once, in the catalogue. */
export function endpoint(name: EndpointName): { readonly endpoint: EndpointName; readonly method: HttpMethod; readonly path: string } {
  const spec = ENDPOINTS[name];
  const method = METHODS.find((m) => m === spec.method);
  if (!method) throw new Error(`${name}: unsupported method ${spec.method}`);
  return { endpoint: name, method, path: spec.path };
}
