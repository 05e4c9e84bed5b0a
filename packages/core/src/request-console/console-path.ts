import { confinePath } from "../api-calls/confine-path.ts";

/**
 * A console path as the proxy would receive it: a person types `{region}` where a client
 * percent-encodes the braces, and the Path Params fill either spelling. Then confined to the
 * API Base URL like any proxied path (PathRefused otherwise).
 */
export const consolePath = (typed: string) =>
  confinePath(typed.replace(/[{}]/g, (brace) => encodeURIComponent(brace)));
