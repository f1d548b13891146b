// `--resource GROUP:KIND:NAME` (or GROUP:KIND:NAMESPACE/NAME; a leading `!`
// excludes; `*` matches anything in a field), Argo CD's selective-sync
// syntax, parsed into the selectors apps/operations resolves. Pure.
import { InvalidArgumentError } from 'commander';
import { type ResourceSelector } from '../../../apps/operations/resource-selector';

export type { ResourceSelector } from '../../../apps/operations/resource-selector';

/** Parses one --resource value; for commander's argParser (a bad value is a usage error). */
export function parseResourceSelector(text: string): ResourceSelector {
  const exclude = text.startsWith('!');
  const body = exclude ? text.slice(1) : text;
  const fields = body.split(':');
  if (fields.length !== 3)
    throw new InvalidArgumentError(`resource should be GROUP:KIND:NAME or GROUP:KIND:NAMESPACE/NAME, got "${text}"`);
  const [group = '', kind = '', qualified = ''] = fields;
  const nameParts = qualified.split('/');
  if (nameParts.length > 2 || kind === '' || nameParts.some((part) => part === ''))
    throw new InvalidArgumentError(
      `resource should be GROUP:KIND:NAME or GROUP:KIND:NAMESPACE/NAME (an empty group for core kinds, e.g. :Service:web), got "${text}"`,
    );
  const [first = '', second] = nameParts;
  return second === undefined
    ? { group, kind, name: first, exclude }
    : { group, kind, namespace: first, name: second, exclude };
}

export function collectResourceSelector(text: string, previous: ResourceSelector[] = []): ResourceSelector[] {
  return [...previous, parseResourceSelector(text)];
}
