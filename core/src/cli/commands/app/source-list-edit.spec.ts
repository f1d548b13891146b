import { type ApplicationSource } from '@driftless/schema';
import { CliError, ExitCode } from '../../exit-codes';
import { addSourceOperations, removeSourceOperations, sourceFromFlags } from './source-list-edit';
import { sourceAt } from './source-position';

const app: ApplicationSource = { repoURL: 'https://git.example/apps.git', path: 'web', targetRevision: 'main' };
const values: ApplicationSource = { repoURL: 'https://git.example/values.git', targetRevision: 'main', ref: 'values' };
const chart: ApplicationSource = { repoURL: 'https://charts.example', chart: 'redis', targetRevision: '1.2.3' };

function failure(run: () => unknown): { message: string; exitCode: number } {
  try {
    run();
  } catch (error) {
    if (error instanceof CliError) return { message: error.message, exitCode: error.exitCode };
    throw error;
  }
  throw new Error('expected a CliError');
}

describe('source positions', () => {
  it('counts from 1 in spec.sources and requires a position there', () => {
    expect(sourceAt({ sources: [app, values] }, 2, 'web')).toEqual({ pointer: '/spec/sources/1', source: values });
    expect(failure(() => sourceAt({ sources: [app, values] }, undefined, 'web'))).toEqual({
      message: "application 'web' has 2 sources: name one with --source-position 1 to 2",
      exitCode: ExitCode.usage,
    });
    expect(failure(() => sourceAt({ sources: [app, values] }, 3, 'web')).message).toBe(
      "application 'web' has no source at position 3: --source-position must be 1 to 2",
    );
  });

  it('gives spec.source for a single-source app, at position 1 or none', () => {
    expect(sourceAt({ source: app }, undefined, 'web')).toEqual({ pointer: '/spec/source', source: app });
    expect(sourceAt({ source: app }, 1, 'web').pointer).toBe('/spec/source');
    expect(failure(() => sourceAt({ source: app }, 2, 'web')).exitCode).toBe(ExitCode.usage);
  });
});

describe('add-source and remove-source patches', () => {
  it('builds a source from flags', () => {
    expect(
      sourceFromFlags({ repo: chart.repoURL, helmChart: 'redis', revision: '1.2.3', values: ['$values/redis.yaml'] }),
    ).toEqual({ ...chart, helm: { valueFiles: ['$values/redis.yaml'] } });
    expect(sourceFromFlags({ repo: values.repoURL, revision: 'main', ref: 'values', sourceName: 'vals' })).toEqual({
      ...values,
      name: 'vals',
    });
    expect(failure(() => sourceFromFlags({ path: 'web' })).exitCode).toBe(ExitCode.usage);
    expect(failure(() => sourceFromFlags({ repo: 'r', path: 'p', chart: 'c' })).exitCode).toBe(ExitCode.usage);
  });

  it('turns a single-source app into spec.sources [old, new]', () => {
    expect(addSourceOperations({ source: app }, chart, 'web')).toEqual([
      { op: 'test', path: '/spec/source', value: app },
      { op: 'remove', path: '/spec/source' },
      { op: 'add', path: '/spec/sources', value: [app, chart] },
    ]);
  });

  it('appends to spec.sources', () => {
    expect(addSourceOperations({ sources: [app] }, chart, 'web')).toEqual([
      { op: 'test', path: '/spec/sources', value: [app] },
      { op: 'add', path: '/spec/sources/-', value: chart },
    ]);
  });

  it('removes the source at a position, keeping spec.sources with one entry', () => {
    expect(removeSourceOperations({ sources: [app, chart] }, 1, 'web')).toEqual([
      { op: 'test', path: '/spec/sources', value: [app, chart] },
      { op: 'remove', path: '/spec/sources/0' },
    ]);
  });

  it('refuses to remove the last source, a position the app lacks, or no position', () => {
    expect(failure(() => removeSourceOperations({ sources: [app] }, 1, 'web'))).toEqual({
      message: "cannot remove the only source of application 'web'",
      exitCode: ExitCode.failed,
    });
    expect(failure(() => removeSourceOperations({ source: app }, 1, 'web')).exitCode).toBe(ExitCode.failed);
    expect(failure(() => removeSourceOperations({ sources: [app, chart] }, 5, 'web')).exitCode).toBe(ExitCode.usage);
    expect(failure(() => removeSourceOperations({ sources: [app, chart] }, undefined, 'web')).exitCode).toBe(
      ExitCode.usage,
    );
  });
});
