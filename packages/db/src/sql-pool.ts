import pg from "pg";
import type { Db } from "./client";

/** A plain pg pool for the worker's per-batch statements. Prisma's raw statements go through its
 * query compiler and driver adapter on every call (a quarter of the worker's CPU per telegram);
 * the pool sends the same SQL straight to PostgreSQL. */
export type SqlPool = pg.Pool;

/** Where a repository function may run a statement: the Prisma client (tests, the portal) or a
 * pg pool (the worker's hot path). The SQL and its parameters are the same either way. */
export type SqlTarget = Db | SqlPool;

export interface SqlPoolOptions {
  poolSize?: number;
  /** a pooled connection that broke while idle (PostgreSQL restarted, the network cut it) */
  onIdleError?: (err: Error) => void;
}

export function createSqlPool(databaseUrl: string, options: SqlPoolOptions = {}): SqlPool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.poolSize ?? 10,
    // A PostgreSQL that does not answer fails the batch (retried) instead of holding it forever.
    connectionTimeoutMillis: 10_000,
    keepAlive: true,
  });
  // Without a listener an idle connection's error would end the process; the pool has already
  // dropped that connection and opens a new one on the next query.
  pool.on("error", (err) => options.onIdleError?.(err));
  return pool;
}

export function closeSqlPool(pool: SqlPool): Promise<void> {
  return pool.end();
}

/** Runs one query with positional parameters ($1, $2, ...); answers its rows. */
export async function querySql<Row>(target: SqlTarget, sql: string, values: unknown[]): Promise<Row[]> {
  if (target instanceof pg.Pool) {
    const result = await target.query(sql, values);
    return result.rows as Row[];
  }
  return target.$queryRawUnsafe<Row[]>(sql, ...values);
}

/** Runs one statement with positional parameters ($1, $2, ...); answers the rows it changed. */
export async function executeSql(target: SqlTarget, sql: string, values: unknown[]): Promise<number> {
  if (target instanceof pg.Pool) {
    const result = await target.query(sql, values);
    return result.rowCount ?? 0;
  }
  return target.$executeRawUnsafe(sql, ...values);
}
