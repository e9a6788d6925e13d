import type { ReactNode } from "react";

/** A table header cell that sorts by its column; shows the direction when active. */
export function SortableHeader<F extends string>({
  field,
  sort,
  direction,
  onSort,
  children,
}: {
  field: F;
  sort: F;
  direction: "asc" | "desc";
  onSort: (field: F, direction: "asc" | "desc") => void;
  children: ReactNode;
}) {
  const active = field === sort;
  return (
    <th aria-sort={active ? (direction === "asc" ? "ascending" : "descending") : "none"}>
      <button
        type="button"
        className="tw-sort"
        data-sort={field}
        onClick={() => onSort(field, active && direction === "asc" ? "desc" : "asc")}
      >
        {children}
        <span aria-hidden="true" className="tw-sort-arrow">
          {active ? (direction === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </button>
    </th>
  );
}
