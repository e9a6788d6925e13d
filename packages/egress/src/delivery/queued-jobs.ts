import type { Job, Queue } from "bullmq";
import type { Logger } from "pino";

/**
 * Look-ahead for a queue consumed one job at a time (global concurrency 1): the jobs waiting
 * behind the active one, oldest first. No other consumer can take them while the active job
 * runs, so the consumer may process them together with it and remove them afterwards — one
 * round of work instead of one per job, in the same order. Removed only after their work is
 * done: a crash in between makes them run again (at least once), never lost.
 */
export async function* waitingBehind(queue: Queue, max: number, pageSize = 8): AsyncGenerator<Job> {
  // Read page by page: the caller usually stops after a few (it has enough), and every job read
  // is parsed. Only this consumer removes jobs from the old end, so the offsets stay valid.
  for (let start = 0; start < max; start += pageSize) {
    const end = Math.min(max, start + pageSize) - 1;
    const page = await queue.getJobs(["wait"], start, end, true);
    // Job ids count up as jobs are added: sorting by them gives the order they were queued in.
    const jobs = page.filter((j): j is Job => Boolean(j?.id)).sort((a, b) => Number(a.id) - Number(b.id));
    for (const job of jobs) yield job;
    if (page.length < end - start + 1) return;
  }
}

/** Removes jobs that were processed together with the active one. A job that cannot be removed
 * (already gone) is left alone: at worst it runs again. */
export async function removeProcessed(jobs: readonly Job[], log: Logger): Promise<void> {
  await Promise.all(
    jobs.map((job) => job.remove().catch((err: unknown) => log.debug({ err, jobId: job.id }, "job taken along could not be removed; it may run again"))),
  );
}
