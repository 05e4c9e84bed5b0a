import type { Db } from "../db/client.ts";
import { Prisma } from "../db/generated/client.ts";
import { APP_NAME_TAKEN, PROFILE_NAME_TAKEN } from "../shared/name-rules.ts";
import { conflict, notFound } from "./app-error.ts";

/** The field a clash on a unique index is shown at, and the words for it. */
type UniqueRule = { field: string; message: string };

// The unique indexes people can run into by what they type, by index name. A clash on any other
// is still a CONFLICT, without a field.
const UNIQUE_INDEXES: Record<string, UniqueRule> = {
  app_team_id_name_key: { field: "name", message: APP_NAME_TAKEN },
  authorization_profile_app_id_name_key: { field: "name", message: PROFILE_NAME_TAKEN },
  authorization_profile_app_id_lower_name_key: { field: "name", message: PROFILE_NAME_TAKEN },
};

// What people call the rows of a model, for "... not found".
const MODEL_NAMES: Record<string, string> = {
  App: "App",
  AuthorizationProfile: "Profile",
  AuthorizationField: "Authorization field",
  Team: "Team",
  Membership: "Member",
  Invitation: "Invitation",
  ApiKey: "API key",
  TestRun: "Test run",
  TokenState: "Token",
};

const indexOf = (error: Prisma.PrismaClientKnownRequestError): string | undefined => {
  const cause = (error.meta?.driverAdapterError as { cause?: { constraint?: { index?: string } } })
    ?.cause;
  return cause?.constraint?.index;
};

/**
 * The domain's reading of a database refusal that people can cause: a unique violation (P2002)
 * is a CONFLICT, on the field its index guards; a row gone before the write reached it (P2025)
 * is NOT_FOUND. Any other error is returned as it is.
 */
export function fromDatabaseError(error: unknown): unknown {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return error;
  if (error.code === "P2002") {
    const rule = UNIQUE_INDEXES[indexOf(error) ?? ""];
    return rule
      ? conflict(rule.message, { [rule.field]: rule.message })
      : conflict("This already exists");
  }
  if (error.code === "P2025") {
    const model = typeof error.meta?.modelName === "string" ? error.meta.modelName : "";
    return notFound(MODEL_NAMES[model] ?? "Record");
  }
  return error;
}

/** A single write of a use-case, awaited as `write.catch(rethrowDatabaseError)`. */
export function rethrowDatabaseError(error: unknown): never {
  throw fromDatabaseError(error);
}

/**
 * A use-case's transaction: `db.$transaction(work)`, with the refusals people can cause read
 * as the domain's errors (fromDatabaseError) instead of each use-case catching them.
 */
export const runTransaction = <T>(
  db: Pick<Db, "$transaction">,
  work: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<T> => db.$transaction(work).catch(rethrowDatabaseError);
