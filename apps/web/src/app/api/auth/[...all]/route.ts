import { webEnv } from "~/env.ts";
import { auth } from "~/server/auth.ts";
import { bufferBody, MAX_BODY_BYTES, REFUSED_BODY_HEADERS } from "~/server/body-limit.ts";
import { withClientAddress } from "~/server/client-address.ts";
import { nestedDeeperThan } from "~/server/json-depth.ts";
import { pathOfNulCharacter } from "~/server/nul-characters.ts";

const refuse = (status: number, code: string, message: string, headers?: HeadersInit) =>
  Response.json({ code, message }, { status, headers });

// Sign-in and sign-up bodies are flat; anything far deeper is not a form.
const MAX_JSON_DEPTH = 32;

/** Why a JSON body cannot go on to better-auth, or null. */
async function bodyProblem(request: Request): Promise<string | null> {
  const parsed = await request
    .clone()
    .json()
    .catch(() => null);
  if (nestedDeeperThan(parsed, MAX_JSON_DEPTH))
    return `The request body is nested too deeply (more than ${MAX_JSON_DEPTH} levels)`;
  // A NUL character would reach PostgreSQL as an error.
  const field = pathOfNulCharacter(parsed);
  return field === null ? null : `${field || "body"}: must not contain the NUL character`;
}

const handler = async (request: Request) => {
  const limited = await bufferBody(request, MAX_BODY_BYTES);
  if (!limited) {
    return refuse(
      413,
      "PAYLOAD_TOO_LARGE",
      "The request is larger than 1 MiB",
      REFUSED_BODY_HEADERS,
    );
  }
  const problem = limited.method === "POST" ? await bodyProblem(limited) : null;
  if (problem !== null) return refuse(400, "INVALID_INPUT", problem);
  // Throttling counts per client address, so a request whose address is unknown goes no further.
  const located = withClientAddress(limited, webEnv().AUTHDECK_TRUSTED_PROXIES);
  if (!located) {
    return refuse(503, "ADDRESS_UNKNOWN", "Authdeck is still starting; try again in a moment");
  }
  const response = await auth().handler(located);
  // better-auth's limit per address says when to come back only in X-Retry-After.
  const retryAfter = response.headers.get("x-retry-after");
  if (response.status === 429 && retryAfter && !response.headers.has("retry-after")) {
    response.headers.set("retry-after", retryAfter);
  }
  return response;
};

export { handler as GET, handler as POST };
