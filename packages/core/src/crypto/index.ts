export { rotateSealedSecrets, SEALED_COLUMNS } from "./rotate.ts";
export { createSealer, type SealContext, SealError, type Sealer } from "./sealer.ts";
