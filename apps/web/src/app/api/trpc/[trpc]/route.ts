import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { authenticateRequest } from "@/server/http/request-auth";
import { createContext } from "@/server/trpc/context";
import { appRouter } from "@/server/trpc/root";

export const dynamic = "force-dynamic";

async function handler(req: Request) {
  const auth = await authenticateRequest(req);
  if (!auth.ok) return auth.response;
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: ({ resHeaders }) => createContext({ req, resHeaders, principal: auth.principal }),
  });
}

export { handler as GET, handler as POST };
