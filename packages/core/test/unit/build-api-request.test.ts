import { describe, expect, it } from "vitest";
import {
  type ApiCallProfile,
  buildApiRequest,
  type CallerRequest,
} from "../../src/api-calls/build-api-request.ts";
import {
  PayloadBodyError,
  payloadBodyKind,
  withPayloadFields,
} from "../../src/api-calls/payload-body.ts";
import { RequestBuildError } from "../../src/tokens/request-build-error.ts";

const profile: ApiCallProfile = {
  apiBaseUrl: "https://api.example.com/{tenant}/{region}/v2/?api-version=7",
  tokenPlacement: "header",
  tokenParameterName: "Authorization",
  tokenPrefix: "",
  fields: [
    { type: "header", key: "X-Api-Key", value: "header-secret" },
    { type: "query", key: "account", value: "acc 7" },
    { type: "payload", key: "client_ref", value: "payload-secret" },
    { type: "path", key: "region", value: "eu west" },
  ],
};
const call: CallerRequest = {
  method: "POST",
  path: "/orders/%7Bregion%7D/items",
  search: "?tenant=acme&limit=5&account=forged&q=a%20b+c",
  headers: [
    ["content-type", "application/json"],
    ["authorization", "Bearer adk_caller_key"],
    ["x-api-key", "forged"],
    ["x-request-id", "r-1"],
  ],
};
const token = { value: "tok-123", type: "bearer" };

const build = (changes: Partial<ApiCallProfile> = {}, callChanges: Partial<CallerRequest> = {}) =>
  buildApiRequest({
    profile: { ...profile, ...changes },
    token,
    tenant: "acme",
    call: { ...call, ...callChanges },
  });

const header = (headers: Array<[string, string]>, name: string) =>
  headers.filter(([n]) => n.toLowerCase() === name.toLowerCase()).map(([, v]) => v);

describe("buildApiRequest", () => {
  it("fills {tenant} and the Path Params in the API Base URL and the caller's path", () => {
    const { url, method } = build();
    expect(method).toBe("POST");
    expect(url.origin).toBe("https://api.example.com");
    expect(url.pathname).toBe("/acme/eu%20west/v2/orders/eu%20west/items");
  });

  it("keeps the base's query and the caller's as sent, less tenant and names Authdeck sets", () => {
    const { url } = build();
    expect(url.search).toBe("?api-version=7&limit=5&q=a%20b+c&account=acc+7");
  });

  it("places the token in a header with the token type as its prefix by default", () => {
    const { headers } = build();
    expect(header(headers, "authorization")).toEqual(["Bearer tok-123"]);
  });

  it("uses the profile's header name and prefix", () => {
    const { headers } = build({ tokenParameterName: "X-Token", tokenPrefix: "Token" });
    expect(header(headers, "x-token")).toEqual(["Token tok-123"]);
    // The caller's own Authorization (its API key) never goes on.
    expect(header(headers, "authorization")).toEqual([]);
  });

  it("keeps a token type that is not Bearer as the provider wrote it", () => {
    const { headers } = buildApiRequest({
      profile,
      token: { value: "t", type: "MAC" },
      tenant: "acme",
      call,
    });
    expect(header(headers, "authorization")).toEqual(["MAC t"]);
  });

  it("places the token in a query parameter, replacing the caller's", () => {
    const { url, headers } = build(
      { tokenPlacement: "query", tokenParameterName: "access_token" },
      { search: "?access_token=forged" },
    );
    expect(url.searchParams.getAll("access_token")).toEqual(["tok-123"]);
    expect(header(headers, "authorization")).toEqual([]);
  });

  it("sets Header fields over the caller's and passes the caller's other headers", () => {
    const { headers } = build();
    expect(header(headers, "x-api-key")).toEqual(["header-secret"]);
    expect(header(headers, "x-request-id")).toEqual(["r-1"]);
    expect(header(headers, "content-type")).toEqual(["application/json"]);
  });

  it("hands the Payload fields on for the body", () => {
    expect(build().payload).toEqual([["client_ref", "payload-secret"]]);
  });

  it("leaves braces that are not a Path Param as the caller sent them", () => {
    expect(build({}, { path: "/x/%7Bother%7D" }).url.pathname).toBe(
      "/acme/eu%20west/v2/x/%7Bother%7D",
    );
  });

  it("refuses a Path Param of dots, which would move up the path", () => {
    const dots = { ...profile, fields: [{ type: "path" as const, key: "region", value: ".." }] };
    expect(() => buildApiRequest({ profile: dots, token, tenant: "acme", call })).toThrow(
      RequestBuildError,
    );
  });

  it("calls the base path itself for an empty path", () => {
    expect(build({ apiBaseUrl: "https://api.example.com/v2/" }, { path: "" }).url.href).toBe(
      "https://api.example.com/v2?limit=5&q=a%20b+c&account=acc+7",
    );
  });
});

describe("Payload fields in the body", () => {
  const fields: Array<[string, string]> = [["client_ref", "payload-secret"]];
  const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  const bytes = (s: string) => new TextEncoder().encode(s);

  it("go into JSON and form bodies only", () => {
    expect(payloadBodyKind("application/json; charset=utf-8")).toBe("json");
    expect(payloadBodyKind("application/vnd.api+json")).toBe("json");
    expect(payloadBodyKind("application/x-www-form-urlencoded")).toBe("form");
    expect(payloadBodyKind("multipart/form-data; boundary=x")).toBeNull();
    expect(payloadBodyKind(null)).toBeNull();
  });

  it("replace the same key of a JSON object", () => {
    const merged = withPayloadFields("json", bytes('{"a":1,"client_ref":"forged"}'), fields);
    expect(JSON.parse(text(merged))).toEqual({ a: 1, client_ref: "payload-secret" });
  });

  it("make an empty JSON body an object of the fields", () => {
    expect(JSON.parse(text(withPayloadFields("json", bytes(""), fields)))).toEqual({
      client_ref: "payload-secret",
    });
  });

  it("are set as own keys, never through __proto__", () => {
    const merged = withPayloadFields("json", bytes("{}"), [["__proto__", "x"]]);
    expect(text(merged)).toBe('{"__proto__":"x"}');
  });

  it("replace the same key of a form", () => {
    const merged = withPayloadFields("form", bytes("a=1&client_ref=forged"), fields);
    expect(text(merged)).toBe("a=1&client_ref=payload-secret");
  });

  it("refuse a JSON body that is not an object", () => {
    expect(() => withPayloadFields("json", bytes("[1]"), fields)).toThrow(PayloadBodyError);
    expect(() => withPayloadFields("json", bytes("{"), fields)).toThrow(PayloadBodyError);
  });
});
