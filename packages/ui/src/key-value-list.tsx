import type { ReactNode } from "react";

/** Label/value pairs, e.g. a device's settings. */
export function KeyValueList({ items }: { items: [ReactNode, ReactNode][] }) {
  return (
    <dl className="tw-kv">
      {items.map(([k, v], i) => (
        <div key={i} className="tw-kv-row">
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
