import { config } from "zod/v4/core";

// In the browser the Content-Security-Policy allows no eval. zod would try `new Function` once
// to learn whether it may compile its parsers, and the browser reports that try as a violation;
// told not to, it parses as it would after the failed try. The server keeps compiled parsers.
// (zod's core alone: importing `z` here would put all of zod on every page.)
if (typeof window !== "undefined") config({ jitless: true });
