// Argo CD's `Envsubst`: `$VAR` and `${VAR}` from the build environment, in
// helm parameters and value-file paths, kustomize images and labels, jsonnet
// TLAs and ext vars, and plugin env values. Go's os.Expand rules: unknown
// names become '', `$$` becomes `$`, a `$` that starts no name stays as it
// is, and bad syntax such as `${}` is eaten.

const specialVariable = /^[*#$@!?\-0-9]$/;
const nameCharacter = /^[A-Za-z0-9_]$/;

/** The variable name after a `$` and how many characters it spans (Go's getShellName). */
function shellName(rest: string): { name: string; width: number } {
  if (rest[0] === '{') {
    if (rest.length > 2 && specialVariable.test(rest[1] ?? '') && rest[2] === '}')
      return { name: rest[1] ?? '', width: 3 };
    const close = rest.indexOf('}', 1);
    if (close === 1) return { name: '', width: 2 };
    if (close < 0) return { name: '', width: 1 };
    return { name: rest.slice(1, close), width: close + 1 };
  }
  if (specialVariable.test(rest[0] ?? '')) return { name: rest[0] ?? '', width: 1 };
  let width = 0;
  while (width < rest.length && nameCharacter.test(rest[width] ?? '')) width += 1;
  return { name: rest.slice(0, width), width };
}

/** `text` with each variable replaced from `env` (Go's os.Expand with a map lookup). */
export function envsubst(text: string, env: Readonly<Record<string, string>>): string {
  let out = '';
  let copiedUpTo = 0;
  for (let index = 0; index < text.length; index += 1) {
    if (text[index] !== '$' || index + 1 >= text.length) continue;
    out += text.slice(copiedUpTo, index);
    const { name, width } = shellName(text.slice(index + 1));
    if (name === '' && width === 0) out += '$';
    else if (name === '$') out += '$';
    else if (name !== '') out += Object.hasOwn(env, name) ? (env[name] ?? '') : '';
    index += width;
    copiedUpTo = index + 1;
  }
  return out + text.slice(copiedUpTo);
}
