import { createOpenApiFetchHandler } from "trpc-to-openapi";
import { authenticateRequest } from "@/server/http/request-auth";
import { REST_BASE_PATH } from "@/server/rest/openapi-document";
import { createContext } from "@/server/trpc/context";
import { appRouter } from "@/server/trpc/root";

export const dynamic = "force-dynamic";

/** The REST API: the same tRPC procedures, served at the paths of their OpenAPI metadata. */
async function handler(req: Request) {
  const auth = await authenticateRequest(req);
  if (!auth.ok) return auth.response;
  return createOpenApiFetchHandler({
    endpoint: REST_BASE_PATH,
    router: appRouter,
    req,
    createContext: ({ resHeaders }: { resHeaders: Headers }) => createContext({ req, resHeaders, principal: auth.principal }),
  });
}

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
