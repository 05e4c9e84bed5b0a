const clock = new Intl.DateTimeFormat("en", { timeStyle: "medium" });

/** "10:04:12 PM" */
export const formatClock = (value: Date) => clock.format(value);

/** "4 min 12 s", "2 h 5 min", "3 d 4 h", "12 s": a span, to the second below an hour. */
export function formatSpan(ms: number): string {
  const s = Math.max(0, Math.floor(Math.abs(ms) / 1000));
  const [d, h, m] = [
    Math.floor(s / 86_400),
    Math.floor((s % 86_400) / 3600),
    Math.floor((s % 3600) / 60),
  ];
  if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return `${m} min ${s % 60} s`;
  return `${s} s`;
}
