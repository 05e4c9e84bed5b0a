// The database's HealthStatus enum names the same states.
export const HEALTH_STATUSES = ["not_checked", "healthy", "failing"] as const;
export type HealthStatusName = (typeof HEALTH_STATUSES)[number];

/** How every page names a profile's health. */
export const HEALTH_STATUS_LABELS = {
  not_checked: "Not checked",
  healthy: "Healthy",
  failing: "Failing",
} as const satisfies Record<HealthStatusName, string>;
