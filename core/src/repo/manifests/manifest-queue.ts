// The `manifests` BullMQ queue: controllers and API servers ask, repo-servers
// answer. A job carries the request; its result is only where the render is
// in the manifest cache (manifests can be megabytes: they stay there, not in
// BullMQ's job hash or event stream).
import { type ManifestRequest, type ManifestResponse } from './manifest-request';

export type ManifestJobData = ManifestRequest;

export interface ManifestJobResult {
  revisionKey: string;
  cache: ManifestResponse['cache'];
}
