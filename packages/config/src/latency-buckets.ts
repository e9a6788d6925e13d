/** Histogram buckets (seconds) of the pipeline's stage latencies, shared by every process so
 * their stages add up: fine where the 100 ms latency target lives, coarse beyond it (queueing
 * under overload, outages). */
export const LATENCY_BUCKETS = [0.001, 0.002, 0.005, 0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.08, 0.1, 0.15, 0.2, 0.3, 0.5, 1, 2, 5, 10, 30];
