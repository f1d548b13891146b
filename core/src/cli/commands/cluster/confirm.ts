// Argo CD's confirmation prompts: asked only of a person at a terminal; a
// script (no TTY) or --yes goes ahead.
import { createInterface } from 'node:readline/promises';

export function isInteractive(): boolean {
  return Boolean(process.stdin.isTTY && process.stdout.isTTY);
}

/** True when the user answers y or yes. */
export async function confirm(question: string): Promise<boolean> {
  const reader = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await reader.question(question)).trim());
  } finally {
    reader.close();
  }
}
