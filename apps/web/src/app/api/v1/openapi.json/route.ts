import { openApiDocument } from "@/server/rest/openapi-document";
import { services } from "@/server/services";

export const dynamic = "force-dynamic";

export function GET() {
  return Response.json(openApiDocument(services().config.PUBLIC_URL));
}
