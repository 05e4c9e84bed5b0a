/**
 * A calendar day written as YYYY-MM-DD (what an <input type="date"> gives), such as the day a
 * client secret expires. Stored in a DATE column, which the database client reads and writes as
 * midnight UTC of that day.
 */
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` names a day that exists (2027-02-30 does not). */
export function isCalendarDay(text: string): boolean {
  const match = DAY.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1970) return false;
  const at = new Date(Date.UTC(year, month - 1, day));
  return at.getUTCFullYear() === year && at.getUTCMonth() === month - 1 && at.getUTCDate() === day;
}

/** The day as the DATE column holds it: midnight UTC. */
export const dateOfDay = (day: string) => new Date(`${day}T00:00:00.000Z`);

/** The YYYY-MM-DD of a DATE column's value. */
export const dayOfDate = (date: Date) => date.toISOString().slice(0, 10);
