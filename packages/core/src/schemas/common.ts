import { z } from "zod";
import { nameCharacterProblem } from "./text-rules.ts";

export const idSchema = z.uuid({ message: "Not a valid id" });

/** Refuses the characters no name may hold (see text-rules.ts), with the field's label. */
export const withNameCharacters =
  (label: string) => (value: string, ctx: z.core.$RefinementCtx<string>) => {
    const problem = nameCharacterProblem(value, label);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  };

/** A trimmed display name: what people type into Name fields across the product. */
export const nameSchema = (label: string, max = 80) =>
  z
    .string()
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} must be at most ${max} characters`)
    .superRefine(withNameCharacters(label));
