import { createHmac } from "node:crypto";

/**
 * The Standard Webhooks headers for one message: HMAC-SHA256 over "id.timestamp.body" with the
 * base64 key after "whsec_", the timestamp in whole seconds. Receivers verify with any Standard
 * Webhooks library; the id stays the same across retries, so they can drop a repeat.
 */
export function webhookHeaders(
  secret: string,
  message: { id: string; at: Date; body: string },
): Array<[string, string]> {
  const timestamp = String(Math.floor(message.at.getTime() / 1000));
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const signature = createHmac("sha256", key)
    .update(`${message.id}.${timestamp}.${message.body}`)
    .digest("base64");
  return [
    ["webhook-id", message.id],
    ["webhook-timestamp", timestamp],
    ["webhook-signature", `v1,${signature}`],
  ];
}
