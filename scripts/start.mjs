// npm start: the whole system with a demo tenant and a simulated gateway. See scripts/start/main.ts.
import { ensureInstalled, runTs } from "./lib/bootstrap.mjs";

ensureInstalled();
runTs("scripts/start/main.ts", process.argv.slice(2));
