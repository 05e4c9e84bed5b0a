// @module-tag resilience
import { Writable } from "node:stream";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { Prisma } from "../../src/db/generated/client.ts";
import { createLogger, describeError, withoutDatabaseDetails } from "../../src/logging.ts";

const SEALED = "v1.k1.AAAAAAAAAAAAAAAA.c2VjcmV0.BBBBBBBBBBBBBBBBBBBBBB";

const knownRequestError = () =>
  new Prisma.PrismaClientKnownRequestError(
    `Invalid \`tx.tokenState.upsert()\` invocation:\n{ accessTokenSealed: "${SEALED}" }\nDatabase error. Code: \`P0001\`. Message: \`refused ${SEALED}\``,
    {
      code: "P2039",
      clientVersion: "7.10.0",
      meta: {
        driverAdapterError: {
          cause: { originalCode: "P0001", originalMessage: `refused ${SEALED}` },
        },
      },
    },
  );

const validationError = () =>
  new Prisma.PrismaClientValidationError(
    `Invalid \`prisma.tokenState.upsert()\` invocation:\n{ accessTokenSealed: "${SEALED}", expiresAt: new Date("Invalid Date") }`,
    { clientVersion: "7.10.0" },
  );

const pgError = () => {
  const error = new pg.DatabaseError(`refused ${SEALED}`, 0, "error");
  error.code = "23505";
  error.severity = "ERROR";
  return error;
};

/** What a logger writes for `err`, as text. */
function logged(err: unknown) {
  let text = "";
  const sink = new Writable({
    write(chunk, _encoding, done) {
      text += chunk;
      done();
    },
  });
  createLogger({ name: "test", level: "trace", destination: sink }).error({ err }, "failed");
  return text;
}

describe("errors in logs", () => {
  it.each([
    [
      "a Prisma request error",
      knownRequestError,
      "PrismaClientKnownRequestError P2039 (database error P0001)",
    ],
    ["a Prisma validation error", validationError, "PrismaClientValidationError"],
    ["a pg error", pgError, "error (database error 23505)"],
    [
      "an error caused by one",
      () => new Error("the refresh could not be saved", { cause: knownRequestError() }),
      "Error: the refresh could not be saved; caused by PrismaClientKnownRequestError P2039 (database error P0001)",
    ],
  ])("keep only the class and codes of %s", (_label, make, description) => {
    expect(describeError(make())).toBe(description);
    const line = logged(make());
    expect(line).toContain(description);
    expect(line).not.toContain(SEALED);
    expect(line).not.toContain("refused");
    const replaced = withoutDatabaseDetails(make()) as Error;
    expect(replaced.message).toBe(description);
    expect(replaced.stack).not.toContain(SEALED);
  });

  it("keep the message and stack of other errors, and the errors themselves", () => {
    const error = new TypeError("Cannot read properties of undefined");
    expect(withoutDatabaseDetails(error)).toBe(error);
    expect(describeError(error)).toBe("TypeError: Cannot read properties of undefined");
    const line = JSON.parse(logged(error));
    expect(line.err).toMatchObject({ type: "TypeError", message: error.message });
    expect(line.err.stack).toContain("logging.test.ts");
  });

  it("censor sealed columns logged by name", () => {
    const sink: string[] = [];
    const log = createLogger({
      name: "test",
      level: "trace",
      destination: new Writable({
        write(chunk, _encoding, done) {
          sink.push(String(chunk));
          done();
        },
      }),
    });
    log.info({ state: { id: "s1", accessTokenSealed: SEALED, refreshTokenSealed: SEALED } }, "x");
    expect(sink.join("")).not.toContain(SEALED);
    expect(sink.join("")).toContain('"id":"s1"');
  });
});
