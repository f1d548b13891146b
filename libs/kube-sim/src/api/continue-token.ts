// Opaque list continuation tokens: the revision of the first page and the last
// key returned.
import { errors } from './status';

export function encodeContinue(revision: number, after: string): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: revision, start: after })).toString('base64url');
}

export function decodeContinue(token: string): { revision: number; after: string } {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { rv?: unknown; start?: unknown };
    if (typeof parsed.rv !== 'number' || typeof parsed.start !== 'string') throw new Error('missing fields');
    return { revision: parsed.rv, after: parsed.start };
  } catch {
    throw errors.badRequest('invalid continue token');
  }
}
