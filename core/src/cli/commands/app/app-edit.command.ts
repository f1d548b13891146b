// `driftless app edit APPNAME`: the application's spec as YAML in the user's
// editor; a changed spec replaces the stored one through updateApplicationSpec
// (the server validates it). As Argo CD's edit, an invalid file or a refused
// spec reopens the editor with the error on top; saving that unchanged gives
// up with the error, and an unchanged spec writes nothing.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { graphqlRequest } from '../../client/graphql-client';
import { addServerOptions, type ServerOptions } from '../../client/server-options';
import { CliError, ExitCode } from '../../exit-codes';
import { appQueryVariables } from './app-get-view';
import { fetchApplicationSpec } from './app-spec-patch';
import { serverAppRef, type ServerAppRef } from './server-app-ref';
import { editorCommand, judgeEdit, specAsYaml, withErrorComment, withoutLeadingComments } from './spec-edit';

const UPDATE_SPEC = `mutation ($name: String!, $appNamespace: String, $spec: JSONObject!) {
  updateApplicationSpec(name: $name, appNamespace: $appNamespace, spec: $spec) { name } }`;

/** Runs the editor on the file and waits for it; the editor has the terminal. */
async function runEditor(file: string): Promise<void> {
  const editor = editorCommand(process.env);
  const code = await new Promise<number | null>((resolve, reject) => {
    // `sh -c` so EDITOR may be `code --wait` or carry quotes, as kubectl allows.
    const child = spawn('sh', ['-c', `${editor} "$1"`, 'driftless-edit', file], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', resolve);
  });
  if (code !== 0)
    throw new CliError(
      `the editor (${editor}) exited with code ${code ?? 'none'}; nothing was saved — set EDITOR to a working editor`,
      ExitCode.failed,
    );
}

/** The server's refusal, to show in the editor; unreachable servers end the command instead. */
function refusal(error: unknown): string {
  if (error instanceof CliError && error.exitCode !== ExitCode.unreachable) return error.message;
  throw error;
}

async function editLoop(options: ServerOptions, ref: ServerAppRef, file: string): Promise<string> {
  const original = (await fetchApplicationSpec(options, ref)) as unknown as Record<string, unknown>;
  let text = specAsYaml(original);
  let pendingError: string | undefined;
  for (;;) {
    const written = pendingError === undefined ? text : withErrorComment(text, pendingError);
    await writeFile(file, written, { mode: 0o600 });
    await runEditor(file);
    const saved = await readFile(file, 'utf8');
    const outcome = judgeEdit({ written, saved, original, pendingError });
    switch (outcome.kind) {
      case 'cancelled':
        return `${outcome.message}\n`;
      case 'abandoned':
        throw new CliError(`${outcome.error} — edit cancelled, no valid changes were saved`, ExitCode.failed);
      case 'invalid':
        pendingError = outcome.error;
        break;
      case 'changed':
        try {
          await graphqlRequest(options, UPDATE_SPEC, { ...appQueryVariables(ref), spec: outcome.spec });
          return `application '${ref.display}' updated\n`;
        } catch (error) {
          pendingError = refusal(error);
        }
        break;
    }
    text = withoutLeadingComments(saved);
  }
}

export function appEditCommand(): Command {
  const command = new Command('edit')
    .description("edit the application's spec in $KUBE_EDITOR, $EDITOR or vi; the server validates the result")
    .argument('<appname>', 'NAME or NAMESPACE/NAME')
    .option('-N, --app-namespace <namespace>', 'namespace of the application');
  return addServerOptions(command).action(
    async (appName: string, options: ServerOptions & { appNamespace?: string }) => {
      const ref = serverAppRef(appName, options.appNamespace);
      const directory = await mkdtemp(join(tmpdir(), 'driftless-edit-'));
      try {
        process.stdout.write(await editLoop(options, ref, join(directory, `${ref.name}-edit.yaml`)));
      } finally {
        await rm(directory, { recursive: true, force: true });
      }
    },
  );
}
