import type { Redis } from "ioredis";
import { DecoderEngine } from "@tidewire/decoder";
import type { SqlTarget } from "@tidewire/db";
import { RedisChainStore } from "./redis-chain-store";
import { RedisRlcStore } from "./redis-rlc-store";
import type { RlcWriteBehind } from "./rlc-write-behind";

export interface SharedState {
  redis: Redis;
  prefix: string;
  /** where persisted rolling codes are read (the worker's pg pool) */
  db: SqlTarget;
  writeBehind: RlcWriteBehind;
}

/** A tenant's decoder engine whose chain and rolling-code state live in Redis (shared by every
 * worker) with rolling codes persisted to Postgres. One per tenant: the engine keys its state by
 * EURID, and EURIDs are only unique within a tenant. */
export function createSharedStateEngine(state: SharedState, tenantId: string): DecoderEngine {
  const { redis, prefix, db, writeBehind } = state;
  return new DecoderEngine({
    chainStore: new RedisChainStore(redis, prefix, tenantId),
    rlcStore: new RedisRlcStore({ redis, prefix, db, tenantId, writeBehind }),
  });
}
