import type { Sealer } from "../crypto/sealer.ts";
import type { Deps } from "../teams/deps.ts";

export type ProfileDeps = Deps & { sealer: Sealer };
