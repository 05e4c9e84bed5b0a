import { openApiDocument } from "~/server/token-api/openapi.ts";

export const GET = () => Response.json(openApiDocument);
