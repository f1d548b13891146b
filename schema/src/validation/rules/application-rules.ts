/** Argo CD's checks on an ApplicationSpec beyond its CRD schema (util/argo/argo.go, controller). */
import type { Path } from '../json-path';
import { checkSyncOption } from './sync-options';
import { asArray, asRecord, asString, error, type Issues, isGoDuration, isTemplated, warning } from './rule-kit';

export interface ApplicationSpecContext {
  /**
   * True for an Application; false for an ApplicationSet template, whose generators and
   * templatePatch may still fill in what the template leaves out.
   */
  complete: boolean;
}

export function checkApplicationSpec(
  spec: Record<string, unknown>,
  base: Path,
  context: ApplicationSpecContext,
): Issues {
  return [
    ...checkDestination(asRecord(spec.destination), [...base, 'destination'], context),
    ...checkSources(spec, base, context),
    ...checkSyncPolicy(asRecord(spec.syncPolicy), [...base, 'syncPolicy']),
    ...asArray(spec.ignoreDifferences).flatMap((entry, index) =>
      checkIgnoreDifferences(asRecord(entry), [...base, 'ignoreDifferences', index]),
    ),
  ];
}

function checkDestination(
  destination: Record<string, unknown> | undefined,
  path: Path,
  context: ApplicationSpecContext,
): Issues {
  if (destination === undefined) return [];
  const hasServer = typeof destination.server === 'string' && destination.server !== '';
  const hasName = typeof destination.name === 'string' && destination.name !== '';
  if (hasServer && hasName) {
    return [error(path, "'server' and 'name' cannot both be set (Argo CD refuses the application); keep one of them")];
  }
  if (!hasServer && !hasName && context.complete) {
    return [
      error(
        path,
        "required property 'server' or 'name' is missing; set server (e.g. https://kubernetes.default.svc) or the cluster name (e.g. in-cluster)",
      ),
    ];
  }
  return [];
}

function checkSources(spec: Record<string, unknown>, base: Path, context: ApplicationSpecContext): Issues {
  const issues: Issues = [];
  const sources = asArray(spec.sources);
  if (
    context.complete &&
    spec.source === undefined &&
    spec.sources === undefined &&
    spec.sourceHydrator === undefined
  ) {
    issues.push(
      error(
        base,
        "one of 'source', 'sources' or 'sourceHydrator' is required; add spec.source with repoURL and path (or chart)",
      ),
    );
  }
  if (spec.source !== undefined && spec.sources !== undefined) {
    issues.push(warning([...base, 'source'], "'source' is ignored because 'sources' is set; move it into sources"));
  }
  if (spec.sources !== undefined && sources.length === 0 && context.complete) {
    issues.push(error([...base, 'sources'], 'sources is empty; list at least one source'));
  }
  const refs = new Set(sources.map((source) => asString(asRecord(source)?.ref)).filter((ref) => ref !== undefined));
  sources.forEach((source, sourceIndex) => {
    asArray(asRecord(asRecord(source)?.helm)?.valueFiles).forEach((file, fileIndex) => {
      const match = typeof file === 'string' && !isTemplated(file) ? /^\$([^/]+)\//.exec(file) : null;
      if (match?.[1] !== undefined && !refs.has(match[1])) {
        issues.push(
          error(
            [...base, 'sources', sourceIndex, 'helm', 'valueFiles', fileIndex],
            `'$${match[1]}' does not name a source; add ref: ${match[1]} to the source that holds this file`,
          ),
        );
      }
    });
  });
  return issues;
}

function checkSyncPolicy(syncPolicy: Record<string, unknown> | undefined, path: Path): Issues {
  if (syncPolicy === undefined) return [];
  const issues: Issues = asArray(syncPolicy.syncOptions).flatMap((option, index) =>
    typeof option === 'string' ? checkSyncOption([...path, 'syncOptions', index], option) : [],
  );
  const backoff = asRecord(asRecord(syncPolicy.retry)?.backoff);
  const duration = backoff?.duration;
  if (typeof duration === 'string' && !isTemplated(duration) && !/^\d+$/.test(duration) && !isGoDuration(duration)) {
    issues.push(
      error(
        [...path, 'retry', 'backoff', 'duration'],
        `'${duration}' is not a duration; use a Go duration such as 5s or 2m, or a number of seconds such as "30"`,
      ),
    );
  }
  const maxDuration = backoff?.maxDuration;
  if (typeof maxDuration === 'string' && !isTemplated(maxDuration) && !isGoDuration(maxDuration)) {
    issues.push(
      error([...path, 'retry', 'backoff', 'maxDuration'], `'${maxDuration}' is not a Go duration; use e.g. 3m or 1h`),
    );
  }
  return issues;
}

function checkIgnoreDifferences(entry: Record<string, unknown> | undefined, path: Path): Issues {
  return asArray(entry?.jsonPointers).flatMap((pointer, index) =>
    typeof pointer === 'string' && pointer !== '' && !pointer.startsWith('/') && !isTemplated(pointer)
      ? [
          error(
            [...path, 'jsonPointers', index],
            `'${pointer}' is not a JSON pointer; pointers start with '/', e.g. /spec/replicas`,
          ),
        ]
      : [],
  );
}

/**
 * `automated:` with nothing after it is null, which the API server drops: automated sync is then
 * off. Runs on the document before nulls are pruned.
 */
export function checkNullAutomated(spec: Record<string, unknown> | undefined, base: Path): Issues {
  const syncPolicy = asRecord(spec?.syncPolicy);
  if (syncPolicy === undefined || !('automated' in syncPolicy) || syncPolicy.automated !== null) return [];
  return [
    warning(
      [...base, 'syncPolicy', 'automated'],
      'automated is empty (null), and Kubernetes drops null fields, so automated sync stays off; write automated: {} or set prune/selfHeal',
    ),
  ];
}
