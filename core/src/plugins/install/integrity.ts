// Subresource-integrity strings as npm uses them (`sha512-<base64>`).
import { createHash, timingSafeEqual } from 'node:crypto';
import { PluginError } from '@driftless/plugin-sdk';

export function sha512Integrity(content: Buffer): string {
  return `sha512-${createHash('sha512').update(content).digest('base64')}`;
}

/** Throws PLUGIN_INTEGRITY_MISMATCH unless `content` hashes to the sha512 in `expected`. */
export function verifyIntegrity(content: Buffer, expected: string, what: string): string {
  const wanted = expected.split(/\s+/).find((entry) => entry.startsWith('sha512-'));
  if (!wanted) {
    throw new PluginError(
      'PLUGIN_INTEGRITY_MISMATCH',
      `${what}: no sha512 integrity to check against (got "${expected.slice(0, 80)}")`,
    );
  }
  const actual = sha512Integrity(content);
  const same = wanted.length === actual.length && timingSafeEqual(Buffer.from(wanted), Buffer.from(actual));
  if (!same) {
    throw new PluginError(
      'PLUGIN_INTEGRITY_MISMATCH',
      `${what} hashes to ${actual}, not the pinned ${wanted} — the package changed or was tampered with`,
    );
  }
  return actual;
}
