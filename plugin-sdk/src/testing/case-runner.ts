// Runs a plugin's test cases — one JSON file per case under test/cases/ — in
// the real sandbox. A loopback HTTP receiver is started for the run; case
// files may use {{receiver}} (its URL) and {{receiverHost}} (host:port) and
// assert how many requests it got.
import { isDeepStrictEqual } from 'node:util';
import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { PluginError } from '../errors';
import { type Capabilities } from '../manifest/manifest';
import { type CallContext } from '../sandbox/runner-protocol';
import { PluginTestHarness, type TestPluginOptions } from './plugin-test-harness';

export interface PluginTestCase {
  description?: string;
  method: string;
  input: unknown;
  /** Capabilities granted for this case; default: what the manifest requests. */
  grants?: Capabilities;
  context?: CallContext;
  expect: { output: unknown } | { error: string; message?: string };
  /** How many requests the loopback receiver must have got during the case. */
  expectRequests?: number;
}

export interface CaseResult {
  name: string;
  passed: boolean;
  detail: string;
  ms: number;
}

export async function readTestCases(dir: string): Promise<{ name: string; testCase: PluginTestCase }[]> {
  const files = (await readdir(dir).catch(() => [] as string[])).filter((file) => file.endsWith('.json')).sort();
  return Promise.all(
    files.map(async (file) => ({
      name: file.replace(/\.json$/, ''),
      testCase: JSON.parse(await readFile(join(dir, file), 'utf8')) as PluginTestCase,
    })),
  );
}

export async function runTestCases(
  plugin: Omit<TestPluginOptions, 'grants'>,
  cases: { name: string; testCase: PluginTestCase }[],
): Promise<CaseResult[]> {
  const receiver = await startReceiver();
  const harness = await PluginTestHarness.start();
  const results: CaseResult[] = [];
  try {
    for (const { name, testCase: raw } of cases) {
      const testCase = JSON.parse(
        JSON.stringify(raw)
          .replaceAll('{{receiverHost}}', receiver.host)
          .replaceAll('{{receiver}}', `http://${receiver.host}`),
      ) as PluginTestCase;
      const started = performance.now();
      const before = receiver.count();
      let passed = false;
      let detail: string;
      try {
        const loaded = await harness.load({ ...plugin, ...(testCase.grants ? { grants: testCase.grants } : {}) });
        try {
          const context = { ...testCase.context };
          // A case's workspace is a folder of the plugin package.
          if (context.workspaceDir && plugin.packageDir)
            context.workspaceDir = resolve(plugin.packageDir, context.workspaceDir);
          const { output } = await loaded.call(testCase.method as never, testCase.input, context);
          if ('output' in testCase.expect) {
            passed = isDeepStrictEqual(output, testCase.expect.output);
            detail = passed
              ? 'output as expected'
              : `output ${JSON.stringify(output)} ≠ expected ${JSON.stringify(testCase.expect.output)}`;
          } else {
            detail = `expected ${testCase.expect.error}, the call succeeded with ${JSON.stringify(output)}`;
          }
        } catch (error) {
          if (!(error instanceof PluginError)) throw error;
          if ('error' in testCase.expect) {
            passed =
              error.code === testCase.expect.error &&
              (!testCase.expect.message || error.message.includes(testCase.expect.message));
            detail = passed
              ? `failed with ${error.code} as expected`
              : `expected ${testCase.expect.error}${testCase.expect.message ? ` (${testCase.expect.message})` : ''}, got ${error.message}`;
          } else {
            detail = error.message;
          }
        }
      } catch (error) {
        detail = error instanceof Error ? error.message : String(error);
      }
      const requests = receiver.count() - before;
      if (passed && testCase.expectRequests !== undefined && requests !== testCase.expectRequests) {
        passed = false;
        detail = `the receiver got ${requests} requests, expected ${testCase.expectRequests}`;
      }
      results.push({ name, passed, detail, ms: performance.now() - started });
    }
  } finally {
    await harness.stop();
    await receiver.close();
  }
  return results;
}

async function startReceiver(): Promise<{ host: string; count(): number; close(): Promise<void> }> {
  let count = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      count += 1;
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    count: () => count,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
