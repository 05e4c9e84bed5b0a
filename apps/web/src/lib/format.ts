const exact = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "long" });
/** "Nov 27, 2026, 10:04:12 PM UTC": what a hover shows behind every relative time. */
export const formatExact = (value: Date) => exact.format(value);

const count = new Intl.NumberFormat("en");
/** "12,345": one locale, so the server's render and the browser's agree. */
export const formatCount = (value: number) => count.format(value);

export const plural = (count: number, one: string, many = `${one}s`) =>
  `${count} ${count === 1 ? one : many}`;

const ROLE_LABELS = { owner: "Owner", admin: "Admin", editor: "Editor", viewer: "Viewer" };
export const roleLabel = (role: keyof typeof ROLE_LABELS) => ROLE_LABELS[role];
