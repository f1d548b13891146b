// Annotations that steer the simulation of one object (documented in README.md).
export const SIM_ANNOTATION_PREFIX = 'sim.driftless.dev/';

export const simAnnotations = {
  /** On a pod or pod template: "CrashLoopBackOff" | "ImagePullBackOff" | "NeverReady". */
  fault: `${SIM_ANNOTATION_PREFIX}fault`,
  /** On a pod or pod template: seconds from Running until Ready. */
  readyAfterSeconds: `${SIM_ANNOTATION_PREFIX}ready-after-seconds`,
  /** On a Job (or its pod template): "true" makes every pod of the Job fail. */
  jobFails: `${SIM_ANNOTATION_PREFIX}job-fails`,
  /** On a Job: seconds each pod runs before completing. */
  runSeconds: `${SIM_ANNOTATION_PREFIX}run-seconds`,
} as const;

/** Images that trigger faults without annotations, as kwok-style conventions. */
export const faultImages = {
  crashLoop: /(^|\/)crashloop(:|$)|:crashloop$/,
  pullError: /(^|\/)(does-not-exist|nonexistent)(:|$)|:does-not-exist$/,
};
