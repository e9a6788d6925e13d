// npm test: every test against the machine's PostgreSQL, Redis and Mosquitto. See scripts/test/main.ts.
import { ensureInstalled, runTs } from "./lib/bootstrap.mjs";

ensureInstalled();
runTs("scripts/test/main.ts", process.argv.slice(2));
