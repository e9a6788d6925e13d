import { authenticateRequest } from "@/server/http/request-auth";
import { handleIotcRequest } from "@/server/iotc/iotc-routes";

export const dynamic = "force-dynamic";

/** IoTC-compatible API (an IoTC client changes only its host). /iotc/... is rewritten here too. */
async function handler(req: Request, ctx: { params: Promise<{ path: string[] }> }) {
  const auth = await authenticateRequest(req);
  if (!auth.ok) return auth.response;
  const { path } = await ctx.params;
  return handleIotcRequest(req, auth.principal, `/${path.join("/")}`);
}

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
