// `kustomize.buildOptions` from argocd-cm, split as a shell would (quotes and
// backslashes). The options are an admin's, so `--enable-helm`,
// `--load-restrictor LoadRestrictionsNone` or `--enable-alpha-plugins` stay
// allowed; options that would send the output elsewhere are refused, and the
// host refuses absolute and `../` arguments.
const refused = /^(?:-o|--output)(?:=|$)/;

export function splitOptions(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index] as string;
    const next = text[index + 1] ?? '';
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else word += char;
    } else if (quote === '"') {
      if (char === '"') quote = undefined;
      else if (char === '\\' && /["\\$`]/.test(next)) {
        word += next;
        index += 1;
      } else word += char;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      inWord = true;
      if (char === "'" || char === '"') quote = char;
      else if (char === '\\' && next !== '') {
        word += next;
        index += 1;
      } else word += char;
    }
  }
  if (quote) throw new Error(`kustomize.buildOptions has an unterminated ${quote} quote`);
  if (inWord) words.push(word);
  return words;
}

export function buildOptions(text: string): string[] {
  const words = splitOptions(text);
  const bad = words.find((word) => refused.test(word));
  if (bad !== undefined) throw new Error(`kustomize.buildOptions may not contain ${bad}: the output must go to stdout`);
  return words;
}

export function helmEnabled(words: string[]): boolean {
  return words.some((word) => word === '--enable-helm' || word === '--enable-helm=true');
}
