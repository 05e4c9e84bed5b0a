import { parseKeyRing } from "@authdeck/core/config";
import { createSealer, type Sealer } from "@authdeck/core/crypto";

/** The sealer of the bench's product, to seed sealed columns as the product would write them. */
export function benchSealer(sealingKeys: string): Sealer {
  const parsed = parseKeyRing(sealingKeys);
  if (!parsed.ok) throw new Error(`sealing keys: ${parsed.error}`);
  return createSealer(parsed.keyRing);
}
