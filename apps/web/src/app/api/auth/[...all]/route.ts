import { auth } from "~/server/auth.ts";
import { bufferBody, MAX_BODY_BYTES } from "~/server/body-limit.ts";
import { nestedDeeperThan } from "~/server/json-depth.ts";
import { pathOfNulCharacter } from "~/server/nul-characters.ts";

const refuse = (status: number, code: string, message: string) =>
  Response.json({ code, message }, { status });

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
  if (!limited) return refuse(413, "PAYLOAD_TOO_LARGE", "The request is larger than 1 MiB");
  const problem = limited.method === "POST" ? await bodyProblem(limited) : null;
  if (problem !== null) return refuse(400, "INVALID_INPUT", problem);
  return auth().handler(limited);
};

export { handler as GET, handler as POST };
