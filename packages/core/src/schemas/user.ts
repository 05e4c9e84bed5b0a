import { nameSchema } from "./common.ts";
import { nameCharacterProblem } from "./text-rules.ts";

/** A person's name, as sign-up and account settings take it: like every other name. */
export const userNameSchema = nameSchema("Name").superRefine((value, ctx) => {
  const problem = nameCharacterProblem(value, "Name");
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});
