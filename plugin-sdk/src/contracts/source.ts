export interface SourceInput {
  repoURL: string;
  targetRevision: string;
  path?: string;
}

/** Sources resolve a revision; checkout into the workspace is done by the kernel's repo module. */
export interface SourceOutput {
  /** The immutable revision (commit SHA, chart version digest) the target resolved to. */
  revision: string;
  message?: string;
}
