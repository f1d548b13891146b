// How fast simulated controllers and kubelets move. Per cluster through
// KubeSimOptions.timing; per object through the annotations in annotations.ts.
export interface SimTiming {
  /** Pod created → scheduled onto a node. */
  podScheduleMs: number;
  /** Scheduled → containers running. */
  podStartMs: number;
  /** Running → Ready (readiness probe passing). */
  podReadyMs: number;
  /** How long a Job's pod runs before it succeeds (or fails, with the fault annotation). */
  jobRunMs: number;
  /** Delay between restarts of a crash-looping container (status churn). */
  crashLoopMs: number;
  /** PVC Pending → Bound. */
  pvcBindMs: number;
  /** Service type LoadBalancer / Ingress → load-balancer address assigned. */
  loadBalancerMs: number;
  /** Interval of watch BOOKMARK events for clients that allow them. */
  bookmarkIntervalMs: number;
  /** How often CronJobs are checked against their schedule. */
  cronCheckMs: number;
  /** Events older than this are deleted (kube-apiserver's --event-ttl). */
  eventTtlMs: number;
}

export const defaultTiming: SimTiming = {
  podScheduleMs: 10,
  podStartMs: 100,
  podReadyMs: 150,
  jobRunMs: 300,
  crashLoopMs: 1000,
  pvcBindMs: 100,
  loadBalancerMs: 200,
  bookmarkIntervalMs: 10_000,
  cronCheckMs: 1000,
  eventTtlMs: 3_600_000,
};
