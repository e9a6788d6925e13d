// npm run db:migrate — creates the database if needed and applies pending migrations.
import { loadConfigOrExit } from "@tidewire/config";
import { applyMigrations, ensureDatabase } from "@tidewire/db/admin";

const config = loadConfigOrExit();
const { created } = await ensureDatabase(config.DATABASE_URL);
if (created) console.log(`created database ${new URL(config.DATABASE_URL).pathname.slice(1)}`);
await applyMigrations(config.DATABASE_URL, false);
