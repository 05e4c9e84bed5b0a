import "server-only";
/**
 * Whether a parsed JSON value nests objects or arrays more than `maxDepth` levels deep. A loop,
 * not recursion: 20,000 levels fit in a small body, and a recursive walk (such as the NUL
 * check) would overflow the stack on them.
 */
export function nestedDeeperThan(value: unknown, maxDepth: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, depth] = next;
    if (typeof item !== "object" || item === null) continue;
    if (depth >= maxDepth) return true;
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
  return false;
}
