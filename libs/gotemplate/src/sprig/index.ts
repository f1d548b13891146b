// Sprig v3's function map (TxtFuncMap), assembled from one module per family.
import { own } from '../values/types';
import { fn, type FuncMap } from '../exec/function';
import { certFuncs } from './certs';
import { cryptoFuncs } from './crypto';
import { dateFuncs } from './dates';
import { defaultFuncs } from './defaults';
import { dictFuncs } from './dicts';
import { encodingFuncs } from './encoding';
import { listFuncs } from './lists';
import { mathFuncs } from './math';
import { miscFuncs } from './misc';
import { regexFuncs } from './regex';
import { semverFuncs } from './semver';
import { stringFuncs } from './strings';

export interface SprigOptions {
  /** Function names to leave out (Argo CD's ApplicationSets drop env, expandenv, getHostByName). */
  omit?: readonly string[];
  /** Environment seen by env/expandenv; nothing is read from the host process. */
  env?: Readonly<Record<string, string>>;
}

/** os.ExpandEnv over an explicit environment. */
function expandEnv(text: string, env: Readonly<Record<string, string>>): string {
  return text.replace(
    /\$(\{([^}]*)\}|([A-Za-z0-9_]+)|([*#$@!?\-0-9]))/g,
    (_whole, _token, braced?: string, bare?: string, special?: string) => {
      const name = braced ?? bare ?? special ?? '';
      return own(env, name) ?? '';
    },
  );
}

export function sprigFunctions(options: SprigOptions = {}): FuncMap {
  const env = options.env ?? {};
  const funcs: FuncMap = {
    hello: fn([], () => 'Hello!'),
    ...stringFuncs,
    ...listFuncs,
    ...dictFuncs,
    ...mathFuncs,
    ...defaultFuncs,
    ...encodingFuncs,
    ...cryptoFuncs,
    ...certFuncs,
    ...regexFuncs,
    ...semverFuncs,
    ...dateFuncs,
    ...miscFuncs,
    env: fn(['string'], ([name]) => own(env, name as string) ?? ''),
    expandenv: fn(['string'], ([text]) => expandEnv(text as string, env)),
  };
  for (const name of options.omit ?? []) delete funcs[name];
  return funcs;
}
