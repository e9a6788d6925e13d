/** Page controls for server-paged tables: "101–150 of 10,000". */
export function Pagination({ page, pageSize, total, onPage }: { page: number; pageSize: number; total: number; onPage: (page: number) => void }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav className="tw-pagination" aria-label="Pages">
      <span className="tw-pagination-range">
        {first.toLocaleString("en")}–{last.toLocaleString("en")} of {total.toLocaleString("en")}
      </span>
      <button type="button" className="tw-button tw-button-secondary tw-button-small" onClick={() => onPage(1)} disabled={page <= 1} aria-label="First page">
        «
      </button>
      <button type="button" className="tw-button tw-button-secondary tw-button-small" onClick={() => onPage(page - 1)} disabled={page <= 1} aria-label="Previous page">
        ‹
      </button>
      <span className="tw-pagination-page">
        page {page} of {pages.toLocaleString("en")}
      </span>
      <button type="button" className="tw-button tw-button-secondary tw-button-small" onClick={() => onPage(page + 1)} disabled={page >= pages} aria-label="Next page">
        ›
      </button>
      <button type="button" className="tw-button tw-button-secondary tw-button-small" onClick={() => onPage(pages)} disabled={page >= pages} aria-label="Last page">
        »
      </button>
    </nav>
  );
}
