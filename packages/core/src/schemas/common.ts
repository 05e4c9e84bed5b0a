import { z } from "zod";

export const idSchema = z.uuid({ message: "Not a valid id" });

/** A trimmed display name: what people type into Name fields across the product. */
export const nameSchema = (label: string, max = 80) =>
  z
    .string()
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} must be at most ${max} characters`);
