import { afterAll } from "vitest";
import { baseUrl, startServer } from "./harness.ts";

export type TokenApiCall = {
  authorization?: string;
  appId: string;
  profileId: string;
  tenant?: string;
};

/**
 * The token API's route handler, called in-process over the web's own dependencies (so import
 * it after `startServer` has set the environment), and a way to close those dependencies.
 */
export async function tokenApi() {
  const { GET } = await import("~/app/api/v1/apps/[appId]/profiles/[profileId]/token/route.ts");
  const { serverDeps } = await import("~/server/deps.ts");
  return {
    /** One GET; Next hands the route its decoded path segments as params, as here. */
    get({ authorization, appId, profileId, tenant }: TokenApiCall): Promise<Response> {
      const url = new URL("/api/v1/apps/app/profiles/profile/token", baseUrl);
      if (tenant !== undefined) url.searchParams.set("tenant", tenant);
      const request = new Request(url, {
        headers: authorization === undefined ? {} : { authorization },
      });
      return GET(request, { params: Promise.resolve({ appId, profileId }) });
    },
    async close() {
      const deps = serverDeps();
      deps.redis.disconnect();
      await deps.db.$disconnect();
    },
  };
}

/**
 * A token API test file's set-up: the harness's server, then the route over the web's own
 * dependencies, both closed after the file. `webEnv` is what the web's dependencies alone see:
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
