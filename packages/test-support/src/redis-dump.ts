import type { RedisClient } from "@authdeck/core/queue";
import { keysOfPrefix } from "./test-redis.ts";

/** Every key under `prefix` (BullMQ's too, on a Cluster) and its value, as one string a test can search for secrets. */
export async function dumpRedisKeys(redis: RedisClient, prefix: string): Promise<string> {
  const parts: string[] = [];
  for (const key of await keysOfPrefix(redis, prefix)) {
    const type = await redis.type(key);
    parts.push(key);
    if (type === "hash") parts.push(JSON.stringify(await redis.hgetall(key)));
    else if (type === "string") parts.push(String(await redis.get(key)));
    else if (type === "list") parts.push(JSON.stringify(await redis.lrange(key, 0, -1)));
    else if (type === "set") parts.push(JSON.stringify(await redis.smembers(key)));
    else if (type === "zset") parts.push(JSON.stringify(await redis.zrange(key, "0", "-1")));
    else if (type === "stream") parts.push(JSON.stringify(await redis.xrange(key, "-", "+")));
    else parts.push(`(${type})`);
  }
  return parts.join("\n");
}
