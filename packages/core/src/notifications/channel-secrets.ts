import { randomBytes } from "node:crypto";
import type { Sealer } from "../crypto/sealer.ts";

const where = (rowId: string, column: string) => ({
  table: "notification_channel",
  rowId,
  column,
});

export const sealChannelUrl = (sealer: Sealer, channelId: string, url: string) =>
  sealer.seal(url, where(channelId, "url_sealed"));

export const sealSigningSecret = (sealer: Sealer, channelId: string, secret: string) =>
  sealer.seal(secret, where(channelId, "signing_secret_sealed"));

/** A channel's URL and signing secret, opened at the moment of sending only. */
export function openChannelSecrets(
  sealer: Sealer,
  channel: { id: string; urlSealed: string | null; signingSecretSealed: string | null },
) {
  return {
    url: channel.urlSealed ? sealer.open(channel.urlSealed, where(channel.id, "url_sealed")) : null,
    signingSecret: channel.signingSecretSealed
      ? sealer.open(channel.signingSecretSealed, where(channel.id, "signing_secret_sealed"))
      : null,
  };
}

/** A Standard Webhooks secret: "whsec_" and 32 random bytes in base64. */
export const newSigningSecret = () => `whsec_${randomBytes(32).toString("base64")}`;

/**
 * What the channel list shows of a URL, to every member: its origin only. A Slack URL's path is
 * the credential, and so are many webhook URLs' paths and query strings (a catch-hook id, a
 * `?token=`); the channel's name says which endpoint it is.
 */
export const shownTarget = (_kind: "webhook" | "slack", url: string) => {
  const parsed = new URL(url);
  const bare = parsed.pathname === "/" && !parsed.search && !parsed.hash;
  return bare ? parsed.origin : `${parsed.origin}/…`;
};
