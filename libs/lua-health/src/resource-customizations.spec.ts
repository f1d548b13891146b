// Runs health and action scripts laid out as Argo CD's resource_customizations/
// directory: <group>/<Kind>/health.lua with health_test.yaml, and
// <group>/<Kind>/actions/{discovery.lua,<action>/action.lua} with
// action_test.yaml. The same runner accepts a copy of a user's own directory.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { runActionDiscovery, runResourceAction } from './action-script';
import { LuaScriptError } from './errors';
import { runHealthScript } from './health-script';
import { LuaScript } from './lua-sandbox';

const root = join(__dirname, '..', 'testdata');

function findFiles(dir: string, name: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return findFiles(path, name);
    return entry.name === name ? [path] : [];
  });
}

const readYaml = (path: string): unknown => parse(readFileSync(path, 'utf8'));

// Built-in scripts run with the standard libraries open, as in Argo CD.
const compile = (path: string) => LuaScript.compile(readFileSync(path, 'utf8'), { openLibs: true });

interface HealthTest {
  healthStatus: { status: string; message?: string };
  inputPath: string;
}

const healthCases = findFiles(root, 'health_test.yaml').flatMap((testFile) => {
  const dir = dirname(testFile);
  const { tests } = readYaml(testFile) as { tests: HealthTest[] };
  return tests.map((test): [string, string, HealthTest] => [
    `${dir.slice(root.length + 1)} ${test.inputPath}`,
    dir,
    test,
  ]);
});

describe('health.lua scripts (health_test.yaml)', () => {
  it('found the test scripts', () => {
    expect(healthCases.length).toBeGreaterThanOrEqual(15);
  });

  it.each(healthCases)('%s', (_name, dir, test) => {
    const script = compile(join(dir, 'health.lua'));
    const expected = test.healthStatus.message
      ? { status: test.healthStatus.status, message: test.healthStatus.message }
      : { status: test.healthStatus.status };
    expect(runHealthScript(script, readYaml(join(dir, test.inputPath)))).toEqual(expected);
  });
});

interface ActionTestFile {
  discoveryTests?: { inputPath: string; result: unknown[] }[];
  actionTests?: {
    action: string;
    inputPath: string;
    parameters?: Record<string, string>;
    expectedOutputPath?: string;
    expectedErrorMessage?: string;
  }[];
}

const actionFiles = findFiles(root, 'action_test.yaml');

describe.each(actionFiles.map((file) => [file.slice(root.length + 1), dirname(file)]))('%s', (_name, dir) => {
  const spec = readYaml(join(dir, 'action_test.yaml')) as ActionTestFile;

  it.each((spec.discoveryTests ?? []).map((test) => [test.inputPath, test] as const))(
    'discovery on %s',
    (_input, test) => {
      const actions = runActionDiscovery(compile(join(dir, 'discovery.lua')), readYaml(join(dir, test.inputPath)));
      expect(actions).toEqual(test.result);
    },
  );

  it.each((spec.actionTests ?? []).map((test) => [test.action, test.inputPath, test] as const))(
    'action %s on %s',
    (action, input, test) => {
      const scriptPath = join(dir, action, 'action.lua');
      expect(existsSync(scriptPath)).toBe(true);
      const obj = readYaml(join(dir, input)) as Record<string, never>;
      const run = () => runResourceAction(compile(scriptPath), obj, test.parameters ?? {});
      if (test.expectedErrorMessage !== undefined) {
        expect(run).toThrow(new LuaScriptError('LUA_RUNTIME', test.expectedErrorMessage));
        return;
      }
      const expected = readYaml(join(dir, test.expectedOutputPath ?? ''));
      const result = run();
      if (Array.isArray(expected)) {
        const items = expected as { k8sOperation: string; unstructuredObj: unknown }[];
        expect(result).toEqual(items.map((item) => ({ operation: item.k8sOperation, resource: item.unstructuredObj })));
      } else {
        expect(result).toEqual([{ operation: 'patch', resource: expected }]);
      }
    },
  );
});
