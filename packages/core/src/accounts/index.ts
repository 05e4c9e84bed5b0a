export * from "./password-strength.ts";
export * from "./sign-in-failures.ts";
