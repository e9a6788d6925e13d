// npm run db:seed — creates or refreshes the demo tenant, with the secrets and demo logins kept in
// .tidewire/local.json (the same ones `npm start` prints; created on first use). Variables set in
// the environment win.
import { loadConfigOrExit } from "@tidewire/config";
import { createDb, DEMO_ADMIN_EMAIL, DEMO_OWNER_EMAIL, SecretBox, seedDemo } from "@tidewire/db";
import { repoRoot } from "@tidewire/db/admin";
import { loadLocalState } from "../scripts/lib/local-state";

const env = { ...loadLocalState(repoRoot), ...process.env };
const config = loadConfigOrExit({ env, require: ["TIDEWIRE_MASTER_KEY"] });
const db = createDb(config.DATABASE_URL);
try {
  await seedDemo(db, new SecretBox(config.TIDEWIRE_MASTER_KEY), {
    ownerPassword: env.DEMO_OWNER_PASSWORD!,
    adminPassword: env.DEMO_ADMIN_PASSWORD!,
    gatewayToken: env.DEMO_GATEWAY_TOKEN!,
    apiKeyId: env.DEMO_API_KEY_ID!,
    apiKeySecret: env.DEMO_API_KEY_SECRET!,
  }, {}, config.LICENSE_SIGNING_KEY);
  console.log(`Demo tenant "demo" is ready. Sign in as ${DEMO_OWNER_EMAIL} / ${env.DEMO_OWNER_PASSWORD} (platform admin: ${DEMO_ADMIN_EMAIL} / ${env.DEMO_ADMIN_PASSWORD}).`);
} finally {
  await db.$disconnect();
}
