// `driftless admin validate FILE…`: checks Application, AppProject and
// ApplicationSet YAML against the CRD schemas, offline.
import { readFile } from 'node:fs/promises';
import { formatIssue, validateManifestText } from '@driftless/schema';
import { Command } from 'commander';
import { CliError, ExitCode } from '../../exit-codes';

export function validateCommand(): Command {
  return new Command('validate')
    .description('validate Argo CD resource YAML (Application, AppProject, ApplicationSet) against the CRD schemas')
    .argument('<files...>', 'YAML files to check ("-" reads standard input)')
    .action(async (files: string[]) => {
      let problems = 0;
      for (const file of files) {
        const issues = validateManifestText(await readInput(file), file === '-' ? '<stdin>' : file);
        problems += issues.length;
        for (const issue of issues) process.stdout.write(`${formatIssue(issue)}\n`);
        if (issues.length === 0) process.stdout.write(`${file}: valid\n`);
      }
      if (problems > 0) throw new CliError(`${problems} problem${problems === 1 ? '' : 's'} found`, ExitCode.failed);
    });
}

async function readInput(file: string): Promise<string> {
  try {
    if (file !== '-') return await readFile(file, 'utf8');
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  } catch (error) {
    throw new CliError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      ExitCode.usage,
    );
  }
}
