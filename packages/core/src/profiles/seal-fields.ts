import type { Sealer } from "../crypto/sealer.ts";
import type { AuthorizationField } from "../db/generated/client.ts";
import { uuidV7 } from "../db/uuid-v7.ts";
import { AppError, type FieldErrors } from "../errors/app-error.ts";
import type { ProfileFields } from "../schemas/profile.ts";
import { auditedValue } from "./secret-fields.ts";

export type FieldRow = Omit<AuthorizationField, "profileId">;

/**
 * Turns the submitted fields into rows. A secret field submitted without a value keeps the value
 * it had (it is never sent to the browser), unless a URL that receives it moved to an origin it
 * was not saved for (`movedTo`, see secret-urls.ts).
 */
export function sealFields(options: {
  sealer: Sealer;
  fields: ProfileFields["fields"];
  existing: readonly AuthorizationField[];
  movedTo: { label: string } | null;
}): FieldRow[] {
  const errors: FieldErrors = {};
  const rows = options.fields.map((field, position): FieldRow => {
    const previous = options.existing.find((e) => e.type === field.type && e.key === field.key);
    const id = previous?.id ?? uuidV7();
    const context = { table: "authorization_field", rowId: id, column: "value_sealed" };
    const at = `fields.${position}.value`;
    if (field.secret) {
      if (field.value !== undefined) {
        const sealed = field.value ? options.sealer.seal(field.value, context) : null;
        return {
          id,
          type: field.type,
          key: field.key,
          value: null,
          valueSealed: sealed,
          secret: true,
          position,
        };
      }
      if (previous?.secret) {
        if (options.movedTo && previous.valueSealed) {
          errors[at] =
            `The ${options.movedTo.label} now points elsewhere: enter this secret value again`;
        }
        return {
          id,
          type: field.type,
          key: field.key,
          value: null,
          valueSealed: previous.valueSealed,
          secret: true,
          position,
        };
      }
      const plain = previous?.value ?? "";
      return {
        id,
        type: field.type,
        key: field.key,
        value: null,
        valueSealed: plain ? options.sealer.seal(plain, context) : null,
        secret: true,
        position,
      };
    }
    if (field.value === undefined && previous?.secret) {
      errors[at] = "Enter the value again to store it as plain text";
    }
    const value = field.value ?? (previous && !previous.secret ? (previous.value ?? "") : "");
    return {
      id,
      type: field.type,
      key: field.key,
      value,
      valueSealed: null,
      secret: false,
      position,
    };
  });
  if (Object.keys(errors).length > 0) {
    throw new AppError("INVALID", Object.values(errors)[0] ?? "Check the authorization fields", {
      fieldErrors: errors,
    });
  }
  return rows;
}

/** What an audit event may say about the fields: secret values never appear. */
export const describeFields = (rows: readonly FieldRow[]) =>
  rows.map((r) => ({ type: r.type, key: r.key, value: auditedValue(r) }));
