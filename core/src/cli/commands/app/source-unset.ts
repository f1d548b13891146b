// What `app unset` removes from one source, as Argo CD's `argocd app unset`:
// each flag clears one field or list entry when it is set; what is not set is
// left alone (no error). Emptied helm/kustomize blocks are dropped, as Argo
// CD's spec normalization drops zero-valued ones. Pure: the input is not changed.
import { type ApplicationSource, type ApplicationSourceHelm, type ApplicationSourceKustomize } from '@driftless/schema';
import { canonicalJson } from '../../../common/canonical-json';

export interface UnsetFlags {
  /** Helm value files to remove (exact entries). */
  values?: string[];
  valuesLiteral?: boolean;
  /** Helm parameter names to remove. */
  parameter?: string[];
  /** Kustomize image names to remove (`node`, or `node:8` — the name part counts). */
  kustomizeImage?: string[];
  namesuffix?: boolean;
  nameprefix?: boolean;
  kustomizeVersion?: boolean;
  ignoreMissingValueFiles?: boolean;
  passCredentials?: boolean;
  ref?: boolean;
}

export function hasUnsetFlags(flags: UnsetFlags): boolean {
  return Boolean(
    flags.values?.length ||
    flags.parameter?.length ||
    flags.kustomizeImage?.length ||
    flags.valuesLiteral ||
    flags.namesuffix ||
    flags.nameprefix ||
    flags.kustomizeVersion ||
    flags.ignoreMissingValueFiles ||
    flags.passCredentials ||
    flags.ref,
  );
}

/** Argo CD's KustomizeImage.Match: the image names (before the entry's first `=`, `:` or `@`) are equal. */
export function kustomizeImageMatches(flag: string, entry: string): boolean {
  const delimiter = ['=', ':', '@'].find((candidate) => entry.includes(candidate)) ?? ':';
  return flag.split(delimiter)[0] === entry.split(delimiter)[0];
}

function unsetHelm(helm: ApplicationSourceHelm, flags: UnsetFlags): ApplicationSourceHelm {
  const next: ApplicationSourceHelm = { ...helm };
  const parameters = (helm.parameters ?? []).filter((parameter) => !flags.parameter?.includes(parameter.name ?? ''));
  if (parameters.length !== (helm.parameters ?? []).length) {
    if (parameters.length > 0) next.parameters = parameters;
    else delete next.parameters;
  }
  const valueFiles = (helm.valueFiles ?? []).filter((file) => !flags.values?.includes(file));
  if (valueFiles.length !== (helm.valueFiles ?? []).length) {
    if (valueFiles.length > 0) next.valueFiles = valueFiles;
    else delete next.valueFiles;
  }
  if (flags.valuesLiteral) {
    delete next.values;
    delete next.valuesObject;
  }
  if (flags.ignoreMissingValueFiles) delete next.ignoreMissingValueFiles;
  if (flags.passCredentials) delete next.passCredentials;
  return next;
}

function unsetKustomize(kustomize: ApplicationSourceKustomize, flags: UnsetFlags): ApplicationSourceKustomize {
  const next: ApplicationSourceKustomize = { ...kustomize };
  const images = (kustomize.images ?? []).filter(
    (image) => !flags.kustomizeImage?.some((flag) => kustomizeImageMatches(flag, image)),
  );
  if (images.length !== (kustomize.images ?? []).length) {
    if (images.length > 0) next.images = images;
    else delete next.images;
  }
  if (flags.nameprefix) delete next.namePrefix;
  if (flags.namesuffix) delete next.nameSuffix;
  if (flags.kustomizeVersion) delete next.version;
  return next;
}

/** A block after unsetting: unchanged as it was, else dropped when emptied. */
function settle<T extends object>(before: T, after: T): T | undefined {
  if (canonicalJson(after) === canonicalJson(before)) return before;
  return Object.keys(after).length === 0 ? undefined : after;
}

/** The source without what the flags name; undefined when none of it was set (nothing to write). */
export function unsetSource(source: ApplicationSource, flags: UnsetFlags): ApplicationSource | undefined {
  const { helm, kustomize, ...rest } = source;
  if (flags.ref) delete rest.ref;
  const nextHelm = helm && settle(helm, unsetHelm(helm, flags));
  const nextKustomize = kustomize && settle(kustomize, unsetKustomize(kustomize, flags));
  const next: ApplicationSource = {
    ...rest,
    ...(nextHelm ? { helm: nextHelm } : {}),
    ...(nextKustomize ? { kustomize: nextKustomize } : {}),
  };
  return canonicalJson(next) === canonicalJson(source) ? undefined : next;
}
