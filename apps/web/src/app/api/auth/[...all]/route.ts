import { auth } from "~/server/auth.ts";
import { bufferBody, MAX_BODY_BYTES } from "~/server/body-limit.ts";

const handler = async (request: Request) => {
  const limited = await bufferBody(request, MAX_BODY_BYTES);
  if (!limited) {
    return Response.json(
      { code: "PAYLOAD_TOO_LARGE", message: "The request is larger than 1 MiB" },
      { status: 413 },
    );
  }
  return auth().handler(limited);
};

export { handler as GET, handler as POST };
