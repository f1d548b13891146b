// What `driftless cert add-tls|add-ssh` read: a --from file, else standard
// input (as `cat cert.pem | argocd cert add-tls host` or `ssh-keyscan host |
// argocd cert add-ssh --batch`).
import { readFile } from 'node:fs/promises';
import { CliError, ExitCode } from '../../exit-codes';

export async function readCertInput(from: string | undefined, what: string): Promise<string> {
  if (from !== undefined) {
    try {
      return await readFile(from, 'utf8');
    } catch (error) {
      throw new CliError(`--from ${from}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`, ExitCode.usage);
    }
  }
  if (process.stdin.isTTY) process.stderr.write(`Enter ${what}. Press CTRL-D when finished.\n`);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
