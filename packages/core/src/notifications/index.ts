export {
  deleteChannel,
  listDeliveries,
  pauseChannel,
  resumeChannel,
  sendTestEvent,
  TEST_EVENT_GAP_MS,
} from "./change-channel.ts";
export { claimDueDeliveries, DELIVERY_LEASE_MS, type DueDelivery } from "./claim-due-deliveries.ts";
export { createChannel, MAX_CHANNELS_PER_TEAM } from "./create-channel.ts";
export {
  DEFAULT_DELIVERY_POLICY,
  type DeliveryDeps,
  type DeliveryPolicy,
  deliverNotification,
} from "./deliver-notification.ts";
export { listChannels } from "./list-channels.ts";
export { DELIVERY_RETENTION_DAYS, pruneDeliveries } from "./prune-deliveries.ts";
export { queueNotifications } from "./queue-notifications.ts";
export { expiryReminderOf } from "./reminder-due.ts";
export { scheduleDueDeliveries } from "./schedule-due-deliveries.ts";
export type { MailSettings } from "./send-email.ts";
export { REMINDER_BATCH, sendReminders } from "./send-reminders.ts";
export { webhookHeaders } from "./sign-webhook.ts";
