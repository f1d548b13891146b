// `driftless admin settings resource-overrides …` on files, as a user runs it.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dump } from 'js-yaml';
import { resourceOverridesCommand } from '../../core/src/cli/commands/admin/resource-overrides.command';

const repo = join(__dirname, '..', '..');
const healthCases = join(repo, 'plugins', 'health-builtin', 'testdata');
const widget = join(repo, 'libs', 'lua-health', 'testdata', 'example.com', 'Widget');
const read = (path: string) => readFileSync(path, 'utf8');

async function run(args: string[]): Promise<{ stdout: string; error?: Error }> {
  let stdout = '';
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += chunk.toString();
    return true;
  });
  try {
    const command = resourceOverridesCommand();
    command.exitOverride();
    for (const sub of command.commands) sub.exitOverride();
    await command.parseAsync(args, { from: 'user' });
    return { stdout };
  } catch (error) {
    return { stdout, error: error as Error };
  } finally {
    spy.mockRestore();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'driftless-overrides-'));
const configMapPath = join(dir, 'argocd-cm.yaml');
writeFileSync(
  configMapPath,
  dump({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'argocd-cm', namespace: 'argocd' },
    data: {
      'resource.customizations.health.example.com_Widget': read(join(widget, 'health.lua')),
      'resource.customizations.health.example.com_Loop': 'while true do end',
      'resource.customizations.actions.example.com_Widget': dump({
        'discovery.lua': read(join(widget, 'actions', 'discovery.lua')),
        definitions: ['scale', 'pause', 'snapshot'].map((name) => ({
          name,
          'action.lua': read(join(widget, 'actions', name, 'action.lua')),
        })),
      }),
    },
  }),
);
const widgetPath = join(widget, 'actions', 'testdata', 'widget.yaml');

describe('resource-overrides health', () => {
  it('prints STATUS and MESSAGE from a Lua override (app of apps)', async () => {
    const caseDir = join(healthCases, 'application', 'child-app-with-lua-override');
    const { stdout, error } = await run([
      'health',
      join(caseDir, 'object.yaml'),
      '--argocd-cm-path',
      join(caseDir, 'argocd-cm.yaml'),
    ]);
    expect(error).toBeUndefined();
    expect(stdout).toBe(
      'STATUS: Progressing\nMESSAGE: Waiting for rollout to finish: 1 out of 3 new replicas have been updated...\n',
    );
  });

  it('falls back to the built-in rules, and says when a kind has no health check', async () => {
    expect((await run(['health', join(healthCases, 'deployment', 'healthy', 'object.yaml')])).stdout).toBe(
      'STATUS: Healthy\nMESSAGE: \n',
    );
    expect(
      (await run(['health', join(healthCases, 'application', 'child-app-not-assessed', 'object.yaml')])).stdout,
    ).toBe("Health script is not configured for 'argoproj.io/Application'\n");
  });

  it('reports a runaway script as Unknown with the cause', async () => {
    const loop = join(dir, 'loop.yaml');
    writeFileSync(loop, 'apiVersion: example.com/v1\nkind: Loop\nmetadata:\n  name: l\n');
    const { stdout } = await run(['health', loop, '--argocd-cm-path', configMapPath]);
    expect(stdout).toMatch(
      /^STATUS: Unknown\nMESSAGE: Lua script (exceeded its budget of \d+ instructions \(endless loop\?\)|timed out after 1000 ms)\n$/,
    );
  });

  it('fails with a usage error for a missing file', async () => {
    const { error } = await run(['health', join(dir, 'nope.yaml')]);
    expect(error?.message).toBe(`cannot read ${join(dir, 'nope.yaml')}: ENOENT`);
  });
});

describe('resource-overrides list-actions and run-action', () => {
  it('lists actions as Argo CD does', async () => {
    const { stdout } = await run(['list-actions', widgetPath, '--argocd-cm-path', configMapPath]);
    expect(stdout).toBe('NAME      DISABLED\npause     false\nscale     false\nsnapshot  false\n');
  });

  it('says when a kind has no actions', async () => {
    const deployment = join(healthCases, 'deployment', 'healthy', 'object.yaml');
    const { stdout } = await run(['list-actions', deployment, '--argocd-cm-path', configMapPath]);
    expect(stdout).toBe("Actions are not configured for 'apps/Deployment'\n");
  });

  it('prints the fields an action changes as a unified diff', async () => {
    const { stdout, error } = await run([
      'run-action',
      widgetPath,
      'scale',
      '--param',
      'replicas=5',
      '--argocd-cm-path',
      configMapPath,
    ]);
    expect(error).toBeUndefined();
    expect(stdout).toBe(
      [
        'Following fields have been changed:',
        '',
        '--- w-live.yaml',
        '+++ w',
        '@@ -8,7 +8,7 @@',
        ' spec:',
        '   endpoints:',
        '     - http://a',
        '-  replicas: 2',
        '+  replicas: 5',
        '   selector: {}',
        ' status:',
        '   readyReplicas: 2',
        '',
      ].join('\n'),
    );
  });

  it('prints created resources, then the patch', async () => {
    const { stdout } = await run(['run-action', widgetPath, 'snapshot', '--argocd-cm-path', configMapPath]);
    expect(stdout).toContain('Following resource was created:\napiVersion: example.com/v1\nkind: WidgetSnapshot\n');
    expect(stdout).toContain("+    example.com/snapshotted: 'true'\n");
  });

  it('fails with the Lua error of a failing action', async () => {
    const { error } = await run([
      'run-action',
      widgetPath,
      'scale',
      '--param',
      'replicas=-1',
      '--argocd-cm-path',
      configMapPath,
    ]);
    expect(error?.message).toBe('<string>:3: replicas must be a non-negative number, got -1');
  });
});
