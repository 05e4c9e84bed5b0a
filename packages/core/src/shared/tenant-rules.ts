import { z } from "zod";
import { placeholderValueProblem } from "./placeholders.ts";

/** The placeholder a tenant fills in a profile's URLs: `{tenant}`. */
export const TENANT_PLACEHOLDER = "tenant";

/** A tenant as a form or a query string gives it, checked in full by tenantSchema when used. */
export const givenTenantSchema = z.string().trim().max(100).optional();

/** What a tenant may be: it is filled into URLs, so it is a plain word. */
export const tenantSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{1,100}$/, "A tenant is 1-100 letters, digits, '.', '_' or '-'")
  .superRefine((tenant, ctx) => {
    const problem = placeholderValueProblem(tenant);
    if (problem) ctx.addIssue({ code: "custom", message: `A tenant ${problem}` });
  });
