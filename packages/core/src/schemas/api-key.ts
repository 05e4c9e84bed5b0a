import { z } from "zod";
import { idSchema, nameSchema } from "./common.ts";
import { teamRef } from "./team.ts";

export const createApiKeyInput = teamRef.extend({
  name: nameSchema("Key name"),
  appIds: z.array(idSchema).min(1, "Choose at least one app").max(100),
});
export const revokeApiKeyInput = teamRef.extend({ apiKeyId: idSchema });
