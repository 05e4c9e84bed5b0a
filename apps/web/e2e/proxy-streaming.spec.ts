import { startApiServer } from "@authdeck/test-support";
import { createProfile, trpcMutation } from "./support/apps.ts";
import { expect, test } from "./support/fixtures.ts";

/**
 * Bodies through the proxy on the production servers, the proxy process (apps/proxy, what
 * services call) and the web's route handler (the same core code inside Next.js): an upload larger than the replay buffer and a large download both stream whole,
 * and a caller leaving mid-download drops the API's connection.
 */

const MIB = 1024 * 1024;
// The proxy process of the e2e product: the port after the web's (playwright.config.ts).
const proxyURL = `http://127.0.0.1:${Number(process.env.AUTHDECK_E2E_PORT ?? 3210) + 1}`;

for (const entry of ["proxy process", "web route"] as const) {
  test(`an upload and a download stream through the ${entry} whole, and a caller leaving stops the API`, async ({
    page,
    baseURL,
    app,
    tokens,
  }) => {
    const api = await startApiServer();
    try {
      const profileId = await createProfile(page, app, {
        name: "Files API",
        identityProviderName: "Recording server",
        clientId: "files-client",
        clientSecret: "files-secret",
        tokenRequestUrl: tokens.urlFor("ok"),
        apiBaseUrl: `${api.url}/v1`,
      });
      const { key } = await trpcMutation<{ key: string }>(page, "apiKey.create", {
        teamId: app.teamId,
        name: "Files",
        appIds: [app.appId],
      });
      const origin = entry === "proxy process" ? proxyURL : baseURL;
      const proxy = `${origin}/api/v1/apps/${app.appId}/profiles/${profileId}/proxy`;
      const authorization = `Bearer ${key}`;

      const upload = await fetch(`${proxy}/uploads/big.bin`, {
        method: "PUT",
        headers: { authorization, "content-type": "application/octet-stream" },
        body: new Uint8Array(3 * MIB).fill(0x61),
      });
      expect(upload.status).toBe(200);
      const received = api.calls.at(-1);
      expect(received?.path).toBe("/v1/uploads/big.bin");
      expect(received?.headers.authorization).toBe(`Bearer ${tokens.accessToken}`);
      expect(received?.body.length).toBe(3 * MIB);

      api.answer(() => ({
        status: 200,
        headers: { "Content-Type": "text/csv" },
        bodyBytes: 20 * MIB,
      }));
      const download = await fetch(`${proxy}/exports/all.csv`, { headers: { authorization } });
      expect(download.status).toBe(200);
      expect(download.headers.get("content-type")).toBe("text/csv");
      let size = 0;
      const reader = download.body!.getReader();
      for (let piece = await reader.read(); !piece.done; piece = await reader.read())
        size += piece.value.byteLength;
      expect(size).toBe(20 * MIB);

      // A caller that goes away mid-download: the API's connection is dropped too.
      api.answer(() => ({ status: 200, bodyBytes: 200 * MIB }));
      const leaving = new AbortController();
      const partial = await fetch(`${proxy}/exports/huge.csv`, {
        headers: { authorization },
        signal: leaving.signal,
      });
      const partialReader = partial.body!.getReader();
      expect((await partialReader.read()).done).toBe(false);
      leaving.abort();
      await expect.poll(() => api.abandoned(), { timeout: 10_000 }).toBe(1);
    } finally {
      await api.close();
    }
  });
}
