// One-call rendering with a parse cache: the entry point for ApplicationSets,
// notifications and the `driftless admin template render` CLI.
import type { FuncMap, Limits, MissingKey } from './exec/function';
import { TemplateError } from './errors';
import { cleanupHelmExecError, cleanupHelmParseError, helmFunctions, withHelmTemplateName } from './helm';
import { sprigFunctions } from './sprig';
import { applicationSetFunctions } from './sprig/applicationset';
import { TemplateSet } from './template';

export type FunctionSet = 'go' | 'sprig' | 'applicationset' | 'helm';

export interface RenderOptions {
  /** Template name used in error messages (default "template"). */
  name?: string;
  /** missingkey option (default "default"; Helm mode defaults to "zero"). */
  missingKey?: MissingKey;
  /** Helm mode: Helm's functions, "<no value>" removed from output, Helm's error cleanup. */
  helm?: boolean;
  /** Functions available besides Go's builtins (default "sprig"; "helm" when helm is true). */
  functions?: FunctionSet;
  /** Extra functions added on top of the chosen set. */
  funcs?: FuncMap;
  limits?: Partial<Limits>;
}

const functionSets: Record<FunctionSet, () => FuncMap> = {
  go: () => ({}),
  sprig: () => sprigFunctions(),
  applicationset: () => applicationSetFunctions(),
  helm: () => helmFunctions(),
};

const cachedSets = new Map<FunctionSet, FuncMap>();

export function functionSet(name: FunctionSet): FuncMap {
  let funcs = cachedSets.get(name);
  if (funcs === undefined) {
    funcs = functionSets[name]();
    cachedSets.set(name, funcs);
  }
  return funcs;
}

const CACHE_SIZE = 256;
/**
 * LRU of parsed sets: outer key is the template text (JavaScript caches a
 * string's hash, so a repeated text is cheap to look up), inner key the options.
 */
const parsedSets = new Map<string, Map<string, TemplateSet>>();
let cachedCount = 0;

/** Parses through a small LRU cache keyed by text and options. */
export function parseCached(text: string, options: RenderOptions = {}): TemplateSet {
  const name = options.name ?? 'template';
  const functions = options.functions ?? (options.helm ? 'helm' : 'sprig');
  const missingKey = options.missingKey ?? (options.helm ? 'zero' : 'default');
  const cacheable = options.funcs === undefined && options.limits === undefined;
  const optionsKey = `${functions}\u0000${missingKey}\u0000${name}`;
  if (cacheable) {
    const variants = parsedSets.get(text);
    const hit = variants?.get(optionsKey);
    if (variants !== undefined && hit !== undefined) {
      parsedSets.delete(text);
      parsedSets.set(text, variants);
      return hit;
    }
  }
  const funcs = options.funcs ? { ...functionSet(functions), ...options.funcs } : functionSet(functions);
  const set = new TemplateSet({ funcs, missingKey, ...(options.limits ? { limits: options.limits } : {}) });
  set.parse(name, text);
  if (cacheable) remember(text, optionsKey, set);
  return set;
}

function remember(text: string, optionsKey: string, set: TemplateSet): void {
  const variants = parsedSets.get(text) ?? new Map<string, TemplateSet>();
  if (!variants.has(optionsKey)) cachedCount++;
  variants.set(optionsKey, set);
  parsedSets.delete(text);
  parsedSets.set(text, variants);
  while (cachedCount > CACHE_SIZE) {
    const [oldestText, oldest] = parsedSets.entries().next().value!;
    cachedCount -= oldest.size;
    parsedSets.delete(oldestText);
  }
}

/**
 * Renders `text` with `data` as Go's text/template would (with Sprig, and Helm's
 * additions when `helm` is set). Throws TemplateError with Go's message.
 */
export function renderTemplateText(text: string, data: unknown, options: RenderOptions = {}): string {
  const name = options.name ?? 'template';
  if (!options.helm) return parseCached(text, options).execute(name, data);
  let set: TemplateSet;
  try {
    set = parseCached(text, options);
  } catch (error) {
    throw error instanceof TemplateError ? cleanupHelmParseError(name, error) : error;
  }
  try {
    const output = set.execute(name, withHelmTemplateName(data, name));
    return output.replaceAll('<no value>', '');
  } catch (error) {
    throw error instanceof TemplateError ? cleanupHelmExecError(error) : error;
  }
}
