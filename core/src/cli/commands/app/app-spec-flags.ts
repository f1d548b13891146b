// The application flags `app create` and `app set` share (a subset of Argo
// CD's: source, destination, project, sync policy, sync options), turned
// into a spec fragment. Pure.
import { type Command, InvalidArgumentError, Option } from 'commander';
import { collectSyncOption } from './sync-flags';

export interface SpecFlags {
  repo?: string;
  path?: string;
  revision?: string;
  destServer?: string;
  destName?: string;
  destNamespace?: string;
  project?: string;
  syncPolicy?: 'automated' | 'none';
  autoPrune?: boolean;
  selfHeal?: boolean;
  syncOption?: string[];
}

export function addSpecFlags(command: Command): Command {
  return command
    .option('--repo <url>', 'repository URL')
    .option('--path <path>', 'path in the repository')
    .option('--revision <revision>', 'target revision (branch, tag, commit, chart version)')
    .option('--dest-server <url>', 'destination cluster URL')
    .option('--dest-name <name>', 'destination cluster name')
    .option('--dest-namespace <namespace>', 'destination namespace')
    .option('--project <project>', 'project')
    .addOption(
      new Option('--sync-policy <policy>', 'automated or none').argParser((value: string) => {
        if (value === 'automated' || value === 'auto' || value === 'automatic') return 'automated';
        if (value === 'none' || value === 'manual') return 'none';
        throw new InvalidArgumentError(`"${value}" is not a sync policy: automated or none`);
      }),
    )
    .option('--auto-prune', 'let automated sync prune')
    .option('--self-heal', 'let automated sync correct drift')
    .addOption(
      new Option('--sync-option <Key=Value>', 'a sync option of the app (repeatable)').argParser(collectSyncOption),
    );
}

/** The parts of a spec the flags set; undefined members are left out. */
export function specFragment(flags: SpecFlags): Record<string, unknown> {
  const source = {
    ...(flags.repo !== undefined ? { repoURL: flags.repo } : {}),
    ...(flags.path !== undefined ? { path: flags.path } : {}),
    ...(flags.revision !== undefined ? { targetRevision: flags.revision } : {}),
  };
  const destination = {
    ...(flags.destServer !== undefined ? { server: flags.destServer } : {}),
    ...(flags.destName !== undefined ? { name: flags.destName } : {}),
    ...(flags.destNamespace !== undefined ? { namespace: flags.destNamespace } : {}),
  };
  const automated =
    flags.syncPolicy === 'automated' || flags.autoPrune || flags.selfHeal
      ? { ...(flags.autoPrune ? { prune: true } : {}), ...(flags.selfHeal ? { selfHeal: true } : {}) }
      : undefined;
  const syncPolicy = {
    ...(flags.syncPolicy === 'none' ? { automated: null } : automated ? { automated } : {}),
    ...(flags.syncOption?.length ? { syncOptions: flags.syncOption } : {}),
  };
  return {
    ...(flags.project !== undefined ? { project: flags.project } : {}),
    ...(Object.keys(source).length > 0 ? { source } : {}),
    ...(Object.keys(destination).length > 0 ? { destination } : {}),
    ...(Object.keys(syncPolicy).length > 0 ? { syncPolicy } : {}),
  };
}

/** Drops members set to null (a merge patch's "remove"), for a spec that is written whole. */
export function withoutNulls(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, item]) => item !== null)
      .map(([key, item]) => [
        key,
        item !== null && typeof item === 'object' && !Array.isArray(item)
          ? withoutNulls(item as Record<string, unknown>)
          : item,
      ]),
  );
}
