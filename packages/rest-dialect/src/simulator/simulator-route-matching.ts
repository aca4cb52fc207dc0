import {
  isValidPathParameter,
  type SimulatorRequest,
  type SimulatorResult,
  type SimulatorRoute,
} from './simulator-routes.js';
import { toWireError, wireErrors } from './wire-error.js';

/** The route answering `method` and `path` (below `basePath`), with its path parameters decoded. */
export function matchRoute(
  routes: readonly SimulatorRoute[],
  basePath: string,
  method: string,
  path: string,
): { route: SimulatorRoute; params: string[] } | undefined {
  if (basePath && path !== basePath && !path.startsWith(`${basePath}/`)) return undefined;
  const relative = path.slice(basePath.length).replace(/\/+$/, '') || '/';
  for (const route of routes) {
    if (route.method !== method) continue;
    const found = route.pattern.exec(relative);
    if (!found) continue;
    try {
      return { route, params: found.slice(1).map((value) => decodeURIComponent(value)) };
    } catch {
      return undefined; // a malformed %-escape names nothing
    }
  }
  return undefined;
}

/**
 * Runs a matched route: a path parameter that is no provider id is a 404 without executing; a thrown error becomes
 * the documented error body.
 */
export async function runRoute(route: SimulatorRoute, request: SimulatorRequest): Promise<SimulatorResult> {
  if (!request.params.every(isValidPathParameter)) {
    const error = wireErrors.notFound('Resource');
    return { status: error.status, body: { error: error.error, message: error.message, code: error.status } };
  }
  try {
    return await route.handle(request);
  } catch (error) {
    const wire = toWireError(error);
    return { status: wire.status, body: { error: wire.error, message: wire.message, code: wire.status } };
  }
}
