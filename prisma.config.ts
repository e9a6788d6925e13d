// Prisma's native schema engine cannot be downloaded on our build network, so the CLI runs
// with the wasm engine ("js") and talks to Postgres through the pg driver adapter.
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

const DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/tidewire";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter: async () =>
    new PrismaPg({ connectionString: process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL }),
});
