import { z } from "zod";
import { idSchema, nameSchema } from "./common.ts";
import { teamRef } from "./team.ts";

export const appNameSchema = nameSchema("App name");
export const appRef = teamRef.extend({ appId: idSchema });

export const createAppInput = teamRef.extend({ name: appNameSchema });
export const renameAppInput = appRef.extend({ name: appNameSchema });
export const deleteAppInput = appRef.extend({
  /** The number of profiles the person agreed to delete with the app; 0 when none. */
  confirmProfileCount: z.number().int().min(0).default(0),
});
