import { PageHeader } from "@tidewire/ui";
import Link from "next/link";
import { openApiDocument, REST_BASE_PATH } from "@/server/rest/openapi-document";
import { services } from "@/server/services";
import { ApiOperation, type Operation } from "./api-operation";

export const dynamic = "force-dynamic";

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

/** The REST API's reference, rendered from the same OpenAPI document /api/v1/openapi.json serves. */
export default function ApiDocsPage() {
  const doc = openApiDocument(services().config.PUBLIC_URL);
  const byTag = new Map<string, Operation[]>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = (item as Record<string, unknown>)[method] as Operation["op"] | undefined;
      if (!op) continue;
      const tag = op.tags?.[0] ?? "Other";
      byTag.set(tag, [...(byTag.get(tag) ?? []), { method: method.toUpperCase(), path, op }]);
    }
  }
  const tags = [...(doc.tags ?? []).map((t) => t.name), ...[...byTag.keys()].filter((t) => !(doc.tags ?? []).some((d) => d.name === t))];
  return (
    <>
      <PageHeader
        title="API reference"
        description={
          <>
            {doc.info.title} {doc.info.version} · base URL <code>{REST_BASE_PATH}</code> · OpenAPI 3 document: <a href={`${REST_BASE_PATH}/openapi.json`}>{REST_BASE_PATH}/openapi.json</a>
          </>
        }
      />
      <div className="tw-card" style={{ marginBottom: 16 }}>
        <p style={{ marginTop: 0 }}>{doc.info.description}</p>
        <pre className="tw-code">{`curl -u <key id>:<secret> ${services().config.PUBLIC_URL.replace(/\/$/, "")}${REST_BASE_PATH}/devices?search=co2`}</pre>
        <p className="tw-hint" style={{ marginBottom: 0 }}>
          Create a key under <Link href="/settings/api-keys">API keys</Link>. Moving from the EnOcean IoT Connector? Its API is served unchanged under <code>/api.beta/v1</code>{" "}
          (and <code>/iotc</code>): change only the host.
        </p>
      </div>
      {tags
        .filter((t) => byTag.has(t))
        .map((tag) => (
          <section key={tag} style={{ marginBottom: 18 }} aria-label={tag}>
            <h2 className="tw-section-title">{tag}</h2>
            {byTag.get(tag)!.map((o) => (
              <ApiOperation key={`${o.method} ${o.path}`} operation={o} />
            ))}
          </section>
        ))}
    </>
  );
}
