import { createHash, randomBytes } from "node:crypto";

// A recognisable prefix lets secret scanners find leaked keys.
const PREFIX = "adk_";

export const newApiKey = () => `${PREFIX}${randomBytes(32).toString("base64url")}`;
export const hashApiKey = (key: string) => createHash("sha256").update(key).digest("hex");
/** What lists show to tell keys apart: the prefix and a few characters, never enough to use. */
export const displayPrefix = (key: string) => key.slice(0, PREFIX.length + 6);
export const looksLikeApiKey = (value: string) => /^adk_[A-Za-z0-9_-]{43}$/.test(value);
