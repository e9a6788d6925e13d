import "server-only";
import { createCallerFactory, router } from "./init";
import { adminRouter } from "./routers/admin";
import { alarmsRouter } from "./routers/alarms";
import { apiKeysRouter } from "./routers/api-keys";
import { dashboardRouter } from "./routers/dashboard";
import { deviceImportRouter } from "./routers/device-import";
import { devicesRouter } from "./routers/devices";
import { egressRouter } from "./routers/egress";
import { gatewaysRouter } from "./routers/gateways";
import { integrationsRouter } from "./routers/integrations";
import { membersRouter } from "./routers/members";
import { profilesRouter } from "./routers/profiles";
import { sessionRouter } from "./routers/session";
import { tenantRouter } from "./routers/tenant";

/** One router per domain. */
export const appRouter = router({
  session: sessionRouter,
  tenant: tenantRouter,
  members: membersRouter,
  apiKeys: apiKeysRouter,
  devices: devicesRouter,
  deviceImport: deviceImportRouter,
  profiles: profilesRouter,
  alarms: alarmsRouter,
  gateways: gatewaysRouter,
  egress: egressRouter,
  integrations: integrationsRouter,
  dashboard: dashboardRouter,
  admin: adminRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
