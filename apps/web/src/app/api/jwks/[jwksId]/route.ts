import { AppError } from "@authdeck/core/errors";
import { getPublicJwks } from "@authdeck/core/profiles";
import { serverDeps } from "~/server/deps.ts";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ jwksId: string }> };

/**
 * GET /api/jwks/{jwksId}: a private_key_jwt profile's public keys, for its identity provider to
 * fetch. No sign-in, as providers fetch anonymously; the id is 128 random bits of the profile's
 * own (not its id), so nothing else can be reached or enumerated from here. Short caching lets a
 * provider pick up a replaced key within minutes.
 */
export async function GET(_request: Request, { params }: Params) {
  const deps = serverDeps();
  try {
    const jwks = await getPublicJwks(deps, await params);
    return Response.json(jwks, {
      headers: { "Content-Type": "application/jwk-set+json", "Cache-Control": "max-age=300" },
    });
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND")
      return Response.json({ error: "not_found" }, { status: 404 });
    deps.log.error({ err: error }, "JWKS failed");
    return Response.json({ error: "internal_error" }, { status: 500 });
  }
}
