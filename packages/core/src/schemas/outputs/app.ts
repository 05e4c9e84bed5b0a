import { z } from "zod";

export const appOutput = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.date(),
  profileCount: z.number(),
});
export const listAppsOutput = z.array(appOutput);
export const appNameOutput = z.object({ id: z.string(), name: z.string() });
export const deleteAppOutput = z.object({ id: z.string(), deletedProfiles: z.number() });
