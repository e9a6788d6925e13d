// Stand-in for the "server-only" package in tests: Next.js resolves it to an empty module for
// server code; outside Next there is no client bundle to guard against.
export {};
