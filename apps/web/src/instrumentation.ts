// Runs once when the portal's server starts: periodic upkeep (health alarms, retention,
// license enforcement). Several replicas may run it; each round is done by one of them.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startHousekeeping } = await import("./server/housekeeping-runner");
  startHousekeeping();
}
