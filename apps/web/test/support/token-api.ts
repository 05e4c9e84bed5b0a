import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll } from "vitest";
import { startServer } from "./harness.ts";

export type TokenApiCall = {
  authorization?: string;
  appId: string;
  profileId: string;
  tenant?: string;
};

// A path segment as an HTTP client sends it: UTF-8, so a lone surrogate goes as U+FFFD.
const segment = (value: string) => encodeURIComponent(Buffer.from(value, "utf8").toString("utf8"));

/** The request target (path and query) of a call, as an HTTP client sends it. */
export function tokenApiTarget({ appId, profileId, tenant }: TokenApiCall): string {
  const path = `/api/v1/apps/${segment(appId)}/profiles/${segment(profileId)}/token`;
  return tenant === undefined ? path : `${path}?${new URLSearchParams({ tenant })}`;
}

/**
 * The token API as src/main.ts serves it (createTokenApi on Node's own server, over a set of
 * dependencies of its own), on a free loopback port; so import it after `startServer` has set
 * the environment. Each call is a real HTTP request; `close` stops the server and the
 * dependencies.
 */
export async function tokenApi() {
  const { webEnv } = await import("~/env.ts");
  const { tokenTargetOf } = await import("~/server/token-api/path.ts");
  const { openTokenApi } = await import("~/server/token-api/token-api-deps.ts");
  const tokenApi = openTokenApi(webEnv());
  const server = createServer((request, response) => {
    const target = tokenTargetOf(request.url ?? "/");
    if (target) void tokenApi.serve(request, response, target);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    /** One GET of /api/v1/apps/{appId}/profiles/{profileId}/token, the segments encoded. */
    get(call: TokenApiCall): Promise<Response> {
      const headers: Record<string, string> =
        call.authorization === undefined ? {} : { authorization: call.authorization };
      return fetch(new URL(tokenApiTarget(call), origin), { headers });
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await tokenApi.close();
    },
  };
}

/**
 * A token API test file's set-up: the harness's server, then the token API over dependencies
 * of its own, both closed after the file. `webEnv` is what the web's dependencies alone see:
 * it is set after the harness has made its own connections.
 */
export async function useTokenApi(label: string, webEnv: Record<string, string> = {}) {
  const server = await startServer(label);
  Object.assign(process.env, webEnv);
  const api = await tokenApi();
  afterAll(async () => {
    await api.close();
    await server.close();
  });
  return { server, api };
}
