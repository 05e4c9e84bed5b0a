import { baseUrl } from "./harness.ts";

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
