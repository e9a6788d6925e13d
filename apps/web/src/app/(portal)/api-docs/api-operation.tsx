/** One operation of the OpenAPI document: method, path, summary, parameters, body and answer. */
export interface Operation {
  method: string;
  path: string;
  op: {
    summary?: string;
    description?: string;
    tags?: string[];
    parameters?: { name: string; in: string; required?: boolean; schema?: unknown; description?: string }[];
    requestBody?: { content?: Record<string, { schema?: unknown }> };
    responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
    security?: unknown[];
  };
}

function SchemaView({ schema }: { schema: unknown }) {
  return <pre className="tw-code" style={{ maxHeight: 260 }}>{JSON.stringify(schema, null, 2)}</pre>;
}

export function ApiOperation({ operation }: { operation: Operation }) {
  const { method, path, op } = operation;
  const body = op.requestBody?.content?.["application/json"]?.schema;
  const ok = op.responses?.["200"]?.content?.["application/json"]?.schema;
  return (
    <details className="api-op" data-operation={`${method} ${path}`}>
      <summary>
        <span className={`method method-${method}`}>{method}</span>
        <code>{path}</code>
        <span className="tw-hint">{op.summary}</span>
        {op.security && op.security.length > 0 ? null : <span className="tw-badge tw-badge-neutral">no sign-in</span>}
      </summary>
      <div className="body">
        {op.description ? <p>{op.description}</p> : null}
        {op.parameters?.length ? (
          <table className="tw-table" aria-label="Parameters">
            <thead>
              <tr>
                <th>Parameter</th>
                <th>In</th>
                <th>Type</th>
              </tr>
            </thead>
            <tbody>
              {op.parameters.map((p) => (
                <tr key={`${p.in}-${p.name}`}>
                  <td>
                    <code>{p.name}</code>
                    {p.required ? " *" : ""}
                    {p.description ? <div className="tw-hint">{p.description}</div> : null}
                  </td>
                  <td>{p.in}</td>
                  <td className="tw-mono">{JSON.stringify(p.schema)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {body ? (
          <>
            <h4>Request body</h4>
            <SchemaView schema={body} />
          </>
        ) : null}
        {ok ? (
          <>
            <h4>Response 200</h4>
            <SchemaView schema={ok} />
          </>
        ) : null}
        {op.responses ? (
          <p className="tw-hint">
            Other answers:{" "}
            {Object.entries(op.responses)
              .filter(([code]) => code !== "200")
              .map(([code, r]) => `${code} ${r.description ?? ""}`)
              .join(" · ")}
          </p>
        ) : null}
      </div>
    </details>
  );
}
