import { auth } from "~/server/auth.ts";
import { bufferBody, MAX_BODY_BYTES, REFUSED_BODY_HEADERS } from "~/server/body-limit.ts";
import { pathOfNulCharacter } from "~/server/nul-characters.ts";

const refuse = (status: number, code: string, message: string, headers?: HeadersInit) =>
  Response.json({ code, message }, { status, headers });

/** The field of a JSON body holding a NUL character, which would reach PostgreSQL as an error. */
async function nulField(request: Request): Promise<string | null> {
  const parsed = await request
    .clone()
    .json()
    .catch(() => null);
  return pathOfNulCharacter(parsed);
}

const handler = async (request: Request) => {
  const limited = await bufferBody(request, MAX_BODY_BYTES);
  if (!limited)
    return refuse(
      413,
      "PAYLOAD_TOO_LARGE",
      "The request is larger than 1 MiB",
      REFUSED_BODY_HEADERS,
    );
  const field = limited.method === "POST" ? await nulField(limited) : null;
  if (field !== null)
    return refuse(400, "INVALID_INPUT", `${field || "body"}: must not contain the NUL character`);
  return auth().handler(limited);
};

export { handler as GET, handler as POST };
