// Kubernetes label selectors in their string form (an Application list filter, notification subscriptions):
// `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`, comma-separated (all must hold).
export type Requirement =
  { key: string; op: 'in' | 'notin'; values: string[] } | { key: string; op: 'exists' | 'notexists' };

export type LabelSelector = Requirement[];

const setPattern = /^([^\s!=,()]+)\s+(in|notin)\s+\(([^)]*)\)$/;
const equalityPattern = /^([^\s!=,()]+)\s*(==|=|!=)\s*([^\s!=,()]*)$/;
const keyPattern = /^(!?)\s*([^\s!=,()]+)$/;

/** Splits on commas outside parentheses. */
function requirements(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter(Boolean);
}

export function parseLabelSelector(text: string): LabelSelector {
  return requirements(text).map((part): Requirement => {
    const set = setPattern.exec(part);
    if (set) {
      const values = (set[3] ?? '')
        .split(',')
        .map((value) => value.trim())
        .filter(Boolean);
      return { key: set[1] ?? '', op: set[2] as 'in' | 'notin', values };
    }
    const equality = equalityPattern.exec(part);
    if (equality) {
      return { key: equality[1] ?? '', op: equality[2] === '!=' ? 'notin' : 'in', values: [equality[3] ?? ''] };
    }
    const key = keyPattern.exec(part);
    if (key) return { key: key[2] ?? '', op: key[1] ? 'notexists' : 'exists' };
    throw new Error(`"${part}" is not a label selector requirement (key=value, key in (a,b), !key, …)`);
  });
}

export function selectorMatches(selector: LabelSelector, labels: Readonly<Record<string, string>> = {}): boolean {
  return selector.every((requirement) => {
    const present = Object.hasOwn(labels, requirement.key);
    switch (requirement.op) {
      case 'exists':
        return present;
      case 'notexists':
        return !present;
      case 'in':
        return present && requirement.values.includes(labels[requirement.key] ?? '');
      case 'notin':
        return !present || !requirement.values.includes(labels[requirement.key] ?? '');
    }
  });
}
