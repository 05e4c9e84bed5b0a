import { loadCallingProfile } from "../api-calls/calling-profile.ts";
import { type KeptCallDeps, keptApiCall } from "../api-calls/kept-api-call.ts";
import { admitTenant } from "../tokens/tenant.ts";
import type { Probe } from "./run-health-check.ts";

/**
 * What the proxy is given, less the usage count (a check is no service's use); `refresh` brings
 * a usable token to a state that has none (in the worker, the job refreshes it itself).
 */
export type ApiProbeDeps = KeptCallDeps;

/**
 * The health checks' probe: the check's call (no body) with the profile's current token and
 * fields, exactly as the proxy would send it, replayed once with a new token on an auth error
 * status. The answer is kept masked of the token and every secret the call carried, its body
 * capped, since a failing one is shown as evidence.
 */
export const createApiProbe =
  (deps: ApiProbeDeps): Probe =>
  async (check, row) => {
    const loaded = await loadCallingProfile(deps, row.id);
    if (!loaded)
      return {
        kind: "failed",
        errorClass: "no_api_base_url",
        message: "The profile has no API Base URL",
        durationMs: 0,
      };
    const tenant = loaded.tenancyEnabled ? check.tenant : "";
    if (tenant)
      await admitTenant(
        deps.db,
        { teamId: loaded.teamId, profileId: loaded.id, tenant },
        deps.now(),
      );
    const outcome = await keptApiCall(deps, loaded, {
      method: check.method,
      path: check.path,
      search: "",
      headers: [],
      tenant,
      body: null,
      bodyKind: null,
    });
    return outcome.kind === "failed"
      ? outcome
      : {
          kind: "answered",
          httpStatus: outcome.httpStatus,
          durationMs: outcome.durationMs,
          headers: outcome.headers,
          body: outcome.body,
        };
  };
