import type { Redis } from "ioredis";
import { channels } from "@tidewire/config";
import { loadDecodeDevices, type DecodeDevice, type Db, type SecretBox } from "@tidewire/db";
import type { Logger } from "../logging/logger";

const TTL_MS = 60_000;

/** The worker's cache of each tenant's devices (keys decrypted, in memory only). Entries expire
 * after a minute and are dropped at once when the portal announces a change. EnOcean devices by
 * default; `load` picks other devices (LoRaWAN and small devices for the uplink worker). */
export class DeviceDirectory<D extends { sourceEurid: string } = DecodeDevice> {
  private readonly tenants = new Map<string, { byEurid: Map<string, D>; loadedAt: number; loading: Promise<void> | undefined }>();
  private subscriber?: Redis;
  private readonly load: (db: Db, box: SecretBox, tenantId: string) => Promise<D[]>;

  constructor(private readonly options: { db: Db; box: SecretBox; prefix: string; log: Logger; load?: (db: Db, box: SecretBox, tenantId: string) => Promise<D[]> }) {
    this.load = options.load ?? (loadDecodeDevices as unknown as (db: Db, box: SecretBox, tenantId: string) => Promise<D[]>);
  }

  /** Listen for change announcements on a dedicated connection. */
  async watch(subscriber: Redis): Promise<void> {
    this.subscriber = subscriber;
    subscriber.on("message", (_channel: string, tenantId: string) => this.tenants.delete(tenantId));
    await subscriber.subscribe(channels.devicesChanged(this.options.prefix));
  }

  /** Drops a tenant's cached devices (their settings changed). */
  forget(tenantId: string): void {
    this.tenants.delete(tenantId);
  }

  async forTenant(tenantId: string): Promise<Map<string, D>> {
    const entry = this.tenants.get(tenantId);
    if (entry && Date.now() - entry.loadedAt <= TTL_MS) {
      if (entry.loading) await entry.loading;
      return entry.byEurid;
    }
    // One load per tenant at a time; concurrent batches wait for it.
    const fresh = { byEurid: new Map<string, D>(), loadedAt: Date.now(), loading: undefined as Promise<void> | undefined };
    fresh.loading = this.load(this.options.db, this.options.box, tenantId).then(
      (devices) => {
        fresh.byEurid = new Map(devices.map((d) => [d.sourceEurid, d]));
        fresh.loading = undefined;
      },
      (err: unknown) => {
        this.tenants.delete(tenantId);
        throw err;
      },
    );
    this.tenants.set(tenantId, fresh);
    await fresh.loading;
    return fresh.byEurid;
  }

  async close(): Promise<void> {
    this.subscriber?.disconnect();
  }
}
