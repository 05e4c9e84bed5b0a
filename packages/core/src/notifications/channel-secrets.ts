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
  channel: { id: string; urlSealed: string; signingSecretSealed: string | null },
) {
  return {
    url: sealer.open(channel.urlSealed, where(channel.id, "url_sealed")),
    signingSecret: channel.signingSecretSealed
      ? sealer.open(channel.signingSecretSealed, where(channel.id, "signing_secret_sealed"))
      : null,
  };
}

/** A Standard Webhooks secret: "whsec_" and 32 random bytes in base64. */
export const newSigningSecret = () => `whsec_${randomBytes(32).toString("base64")}`;

/**
 * What the channel list shows of a URL: a webhook's whole URL (an endpoint of the team's own),
 * only the origin of a Slack URL, whose path is the credential.
 */
export const shownTarget = (kind: "webhook" | "slack", url: string) =>
  kind === "slack" ? `${new URL(url).origin}/…` : url;
