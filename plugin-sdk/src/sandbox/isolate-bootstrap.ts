// Source of the script that runs first in every plugin isolate. It captures
// the builtins it relies on before plugin code can replace them, wraps the one
// host callback into the typed host API, removes what a plugin could block the
// thread with (SharedArrayBuffer, Atomics), and returns a dispatcher the runner
// holds by Reference. Plugin code never sees a Reference, the callback itself,
// or anything of the runner's realm.
//
// evalClosure arguments: $0 host callback (fire-and-forget: the runner answers
// later through the dispatcher's 'settle'), $1 largest output in characters.
export const isolateBootstrapSource = String.raw`
'use strict';
const hostCallback = $0;
const maxOutputChars = $1;
const { parse, stringify } = JSON;
const { freeze, defineProperty, hasOwn } = Object;
const ErrorCtor = Error;
const StringCtor = String;
const PromiseCtor = Promise;

const pendingHostCalls = new Map();
let nextHostCallId = 1;

const call = (capability, operation, args) => {
  let argsJson;
  try {
    argsJson = stringify(args === undefined ? null : args);
  } catch (error) {
    return PromiseCtor.reject(new ErrorCtor('PLUGIN_CAPABILITY_DENIED: host.' + capability + '.' + operation + ' arguments must be plain JSON'));
  }
  const id = nextHostCallId++;
  return new PromiseCtor((resolve, reject) => {
    pendingHostCalls.set(id, { resolve, reject });
    hostCallback(id, capability, operation, argsJson);
  });
};

// The runner answers host call id with result JSON (or undefined), or an error message.
const settle = (id, ok, payload) => {
  const pending = pendingHostCalls.get(id);
  if (!pending) return;
  pendingHostCalls.delete(id);
  if (ok) pending.resolve(payload === undefined ? undefined : parse(payload));
  else pending.reject(new ErrorCtor(StringCtor(payload)));
};

const logAt = (level) => (message, fields) => call('log', 'write', { level, message: StringCtor(message), fields: fields ?? null });
const host = freeze({
  http: freeze({ fetch: (request) => call('http', 'fetch', request) }),
  smtp: freeze({ send: (request) => call('smtp', 'send', request) }),
  crypto: freeze({ sign: (request) => call('crypto', 'sign', request) }),
  exec: freeze({ run: (request) => call('exec', 'run', request) }),
  workspace: freeze({
    readFile: (path) => call('workspace', 'readFile', { path }),
    readFiles: (paths) => call('workspace', 'readFiles', { paths }),
    list: (path) => call('workspace', 'list', { path: path ?? '.' }),
    walk: (path, options) => call('workspace', 'walk', { path: path ?? '.', options: options ?? null }),
    exists: (path) => call('workspace', 'exists', { path }),
  }),
  secrets: freeze({ get: (name) => call('secrets', 'get', { name }) }),
  log: freeze({ info: logAt('info'), warn: logAt('warn'), error: logAt('error') }),
});

delete globalThis.SharedArrayBuffer;
delete globalThis.Atomics;

let definition;

const describeThrown = (thrown) => {
  try {
    if (thrown instanceof ErrorCtor) {
      const message = StringCtor(thrown.message);
      return /^PLUGIN_[A-Z_]+: /.test(message) ? message : StringCtor(thrown.name) + ': ' + message;
    }
    if (typeof thrown === 'string') return 'threw a string: ' + thrown.slice(0, 1000);
    return 'threw a non-Error value (' + (thrown === null ? 'null' : typeof thrown) + ')';
  } catch (error) {
    return 'threw a value that cannot be described';
  }
};

const register = (exported) => {
  const candidate = exported && typeof exported === 'object' && hasOwn(exported, 'default') ? exported.default : exported;
  if (!candidate || typeof candidate !== 'object') return 'E the bundle does not export a plugin definition (export default defineX({...}))';
  if (candidate.kind !== 'DriftlessPlugin') return 'E the bundle\'s default export is not made by a define* factory of @driftless/plugin-sdk';
  definition = { contract: StringCtor(candidate.contract), extensionPoint: StringCtor(candidate.extensionPoint), handlers: candidate.handlers };
  const methods = [];
  for (const name in definition.handlers) if (typeof definition.handlers[name] === 'function') methods.push(name);
  return 'R' + stringify({ contract: definition.contract, extensionPoint: definition.extensionPoint, methods });
};

// Returns 'R' + output JSON, 'E' + why the plugin failed, or 'O' + why its output is unusable.
const invoke = async (method, inputJson) => {
  let output;
  try {
    const handler = definition.handlers[method];
    if (typeof handler !== 'function') return 'E the plugin does not implement ' + method;
    output = await handler.call(definition.handlers, parse(inputJson), host);
  } catch (thrown) {
    return 'E' + describeThrown(thrown);
  }
  let json;
  try {
    json = stringify(output === undefined ? null : output);
  } catch (thrown) {
    return 'O output is not plain JSON: ' + describeThrown(thrown);
  }
  if (typeof json !== 'string') return 'O output is not plain JSON';
  if (json.length > maxOutputChars) return 'O output is larger than ' + maxOutputChars + ' characters';
  return 'R' + json;
};

return (kind, a, b, c) => (kind === 'invoke' ? invoke(a, b) : kind === 'settle' ? settle(a, b, c) : register(a));
`;
