// `driftless admin settings rbac can|validate` on files, as a user runs them.
// The commands run through the same error mapping as `driftless` (CliError →
// one line on stderr and its exit code; commander errors → exit 2).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExitCode } from '../../core/src/cli/exit-codes';
import { runCliInProcess } from '../support/run-cli';

const testdata = join(__dirname, '..', '..', 'core', 'src', 'rbac', 'testdata');
const dir = mkdtempSync(join(tmpdir(), 'driftless-rbac-'));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `driftless admin settings rbac <args>` in-process. */
function rbac(...args: string[]): Promise<Run> {
  return runCliInProcess(['admin', 'settings', 'rbac', ...args]);
}

// A policy in the shape of Argo CD's own `settings rbac` test fixture.
const userPolicy = `p, role:user, clusters, get, *, allow
p, role:user, clusters, get, https://kubernetes*, deny
p, role:user, projects, get, *, allow
p, role:user, applications, get, *, allow
p, role:user, applications, create, */*, allow
p, role:user, applications, delete, *, allow
p, role:user, applications, delete, */guestbook, deny
p, role:user, applicationsets, create, */*, allow
p, role:user, applicationsets, delete, */*, allow
p, role:test, certificates, get, *, allow
p, role:test, logs, get, */*, allow
g, test, role:user
`;
const policyCsv = file('policy.csv', userPolicy);
const rbacCm = file(
  'argocd-rbac-cm.yaml',
  `apiVersion: v1
kind: ConfigMap
metadata:
  name: argocd-rbac-cm
  namespace: argocd
data:
  policy.default: role:unknown
  policy.csv: |
${userPolicy
  .trimEnd()
  .split('\n')
  .map((line) => `    ${line}`)
  .join('\n')}
`,
);

describe('settings rbac can', () => {
  it.each([
    // subject, action, resource, subresource, extra flags, answer
    ['role:user', 'get', 'applications', '*/*', [], 'Yes'],
    ['role:user', 'get', 'clusters', '*', [], 'Yes'],
    ['role:user', 'get', 'clusters', 'https://kubernetes.default.svc', [], 'No'],
    ['role:user', 'get', 'certificates', '*', [], 'No'],
    ['role:user', 'get', 'certificates', '*', ['--default-role', 'role:readonly'], 'Yes'],
    ['role:user', 'get', 'certificates', '*', ['--default-role', 'role:readonly', '--use-builtin-policy=false'], 'No'],
    ['role:test', 'get', 'logs', '*/*', [], 'Yes'],
    ['role:user', 'create', 'applicationsets', '*/*', [], 'Yes'],
    ['role:user', 'delete', 'applicationsets', '*/*', [], 'Yes'],
    ['role:user', 'delete', 'applications', 'default/guestbook', [], 'No'],
    ['role:user', 'delete', 'applications', 'default/web', [], 'Yes'],
    ['test', 'create', 'applications', 'default/web', [], 'Yes'],
    ['test', 'sync', 'applications', 'default/web', [], 'No'],
    ['admin', 'sync', 'applications', 'default/web', [], 'Yes'],
    ['admin', 'sync', 'applications', 'default/web', ['--use-builtin-policy=false'], 'No'],
    ['admin', 'sync', 'applications', 'default/web', ['--use-builtin-policy', 'false'], 'No'],
  ])('%s %s %s %s %j → %s', async (subject, action, resource, object, flags, answer) => {
    const result = await rbac('can', subject, action, resource, object, '--policy-file', policyCsv, ...flags);
    expect(result.stdout).toBe(`${answer}\n`);
    expect(result.code).toBe(answer === 'Yes' ? ExitCode.ok : ExitCode.failed);
  });

  it('reads an argocd-rbac-cm ConfigMap, including its policy.default', async () => {
    expect((await rbac('can', 'role:user', 'get', 'projects', 'default', '--policy-file', rbacCm)).stdout).toBe(
      'Yes\n',
    );
    const defaulted = await rbac('can', 'nobody', 'get', 'certificates', '*', '--policy-file', rbacCm);
    expect(defaulted).toMatchObject({ stdout: 'No\n', code: ExitCode.failed });
    const overridden = ['--policy-file', rbacCm, '--default-role', 'role:readonly'];
    expect(await rbac('can', 'nobody', 'get', 'certificates', '*', ...overridden)).toMatchObject({
      stdout: 'Yes\n',
      code: 0,
    });
  });

  it('uses policy.matchMode from the ConfigMap', async () => {
    const regexCm = join(testdata, 'regex-matchmode', 'argocd-rbac-cm.yaml');
    expect((await rbac('can', 'bob', 'get', 'applications', 'team-a/web', '--policy-file', regexCm)).stdout).toBe(
      'Yes\n',
    );
    expect((await rbac('can', 'bob', 'get', 'applications', 'team-a/x/y', '--policy-file', regexCm)).stdout).toBe(
      'No\n',
    );
  });

  it('resolves short resource names and defaults project-scoped objects to */*', async () => {
    expect(await rbac('can', 'role:user', 'get', 'app', '--policy-file', policyCsv)).toMatchObject({ stdout: 'Yes\n' });
    expect(await rbac('can', 'role:user', 'get', 'proj', 'default', '--policy-file', policyCsv)).toMatchObject({
      stdout: 'Yes\n',
    });
    expect(await rbac('can', 'role:user', 'create', 'app', '*', '--policy-file', policyCsv)).toMatchObject({
      stdout: 'Yes\n',
    });
  });

  it('--quiet answers with the exit code only', async () => {
    expect(await rbac('can', 'role:user', 'get', 'app', '-q', '--policy-file', policyCsv)).toMatchObject({
      stdout: '',
      code: ExitCode.ok,
    });
    const no = await rbac('can', 'role:user', 'sync', 'app', '-q', '--policy-file', policyCsv);
    expect(no).toMatchObject({ stdout: '', code: ExitCode.failed });
  });

  it('rejects unknown resources and actions unless --strict=false', async () => {
    const resource = await rbac('can', 'role:user', 'get', 'widgets', 'x', '--policy-file', policyCsv);
    expect(resource).toMatchObject({ code: ExitCode.usage, stdout: '' });
    expect(resource.stderr).toBe("driftless: error in RBAC request: 'widgets' is not a valid resource name\n");
    const action = await rbac('can', 'role:user', 'create', 'logs', '*/*', '--policy-file', policyCsv);
    expect(action.stderr).toContain("'create' is not a valid action for logs");
    const pathed = await rbac(
      'can',
      'role:user',
      'get/apps/Deployment/x',
      'applications',
      '*/*',
      '--policy-file',
      policyCsv,
    );
    expect(pathed.stderr).toContain("'get/apps/Deployment/x' is not a valid action for applications");
    const lax = await rbac('can', 'role:user', 'get', 'widgets', 'x', '--strict=false', '--policy-file', policyCsv);
    expect(lax).toMatchObject({ stdout: 'No\n', code: ExitCode.failed });
    const laxYes = await rbac(
      'can',
      'role:user',
      'get',
      'applications ',
      'x/y',
      '--strict=false',
      '--policy-file',
      policyCsv,
    );
    expect(laxYes.stdout).toBe('No\n');
  });

  it('accepts Driftless plugins and fine-grained actions', async () => {
    const plugins = join(testdata, 'plugins', 'policy.csv');
    expect((await rbac('can', 'alice', 'delete', 'plugin', 'health-lua', '--policy-file', plugins)).stdout).toBe(
      'Yes\n',
    );
    const subResources = join(testdata, 'sub-resources', 'policy.csv');
    const restart = ['action/apps/Deployment/restart', 'applications', 'team-b/x', '--policy-file', subResources];
    expect((await rbac('can', 'carol', ...restart)).stdout).toBe('Yes\n');
  });

  it('needs --policy-file', async () => {
    const missing = await rbac('can', 'role:user', 'get', 'app');
    expect(missing).toMatchObject({ code: ExitCode.usage, stdout: '' });
    expect(missing.stderr).toContain("required option '--policy-file <file>' not specified");
  });

  it('refuses a policy with lines Argo CD cannot load, and a missing file', async () => {
    const broken = file('broken.csv', 'p, role:user, applications, get\n');
    const result = await rbac('can', 'role:user', 'get', 'app', '--policy-file', broken);
    expect(result).toMatchObject({ code: ExitCode.failed, stdout: '' });
    expect(result.stderr).toContain(
      `invalid user policy: ${broken}:1: a "p" line needs 6 comma-separated fields, found 4`,
    );
    const missing = await rbac('can', 'role:user', 'get', 'app', '--policy-file', join(dir, 'nope.csv'));
    expect(missing).toMatchObject({ code: ExitCode.usage });
    expect(missing.stderr).toContain('could not read policy file');
  });

  it('rejects a flag value that is not a boolean', async () => {
    const result = await rbac('can', 'role:user', 'get', 'app', '--strict=maybe', '--policy-file', policyCsv);
    expect(result).toMatchObject({ code: ExitCode.usage, stdout: '' });
    expect(result.stderr).toContain('expected true or false');
  });
});

describe('settings rbac validate', () => {
  it('says a good policy is valid, as Argo CD does', async () => {
    expect(await rbac('validate', '--policy-file', policyCsv)).toEqual({
      code: ExitCode.ok,
      stdout: 'Policy is valid.\n',
      stderr: '',
    });
    expect((await rbac('validate', '--policy-file', rbacCm)).stdout).toBe('Policy is valid.\n');
  });

  it('names each invalid line with its number', async () => {
    const path = join(testdata, 'invalid-lines', 'policy.csv');
    const result = await rbac('validate', '--policy-file', path);
    expect(result.code).toBe(ExitCode.failed);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('Policy is invalid: 12 problems');
    expect(lines[1]).toBe(
      `${path}:3: unknown resource "applicaitons" (known: clusters, projects, applications, applicationsets, repositories, write-repositories, certificates, accounts, gpgkeys, logs, exec, extensions, plugins): p, alice, applicaitons, get, */*, allow`,
    );
    expect(lines.slice(1).map((line) => line.slice(path.length + 1).split(':')[0])).toEqual([
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
      '12',
      '14',
      '17',
      '18',
    ]);
    expect(result.stderr).toContain(`warning: ${path}:15: applications objects are <project>/<name>`);
    expect(result.stderr).toContain(`driftless: 12 problems in ${path}`);
  });

  it('locates problems in ConfigMap overlays by key', async () => {
    const result = await rbac('validate', '--policy-file', join(testdata, 'overlays', 'argocd-rbac-cm.yaml'));
    expect(result.code).toBe(ExitCode.failed);
    expect(result.stdout).toContain('Policy is invalid: 1 problem\npolicy.zzz.csv:1: unknown resource "aplications"');
  });

  it('reports an empty policy as Argo CD does', async () => {
    const empty = file('empty.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: argocd-rbac-cm\ndata: {}\n');
    const result = await rbac('validate', '--policy-file', empty);
    expect(result).toMatchObject({ code: ExitCode.failed, stdout: '' });
    expect(result.stderr).toBe('driftless: Policy is empty or could not be loaded.\n');
  });
});
