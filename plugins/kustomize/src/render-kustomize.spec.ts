import { testApplication } from '@driftless/render-kit/testing';
import { kustomizeOptions } from './kustomize-options';
import { buildArguments, firstError } from './render-kustomize';

const app = testApplication({ apiVersions: ['apps/v1', 'example.com/v1/Widget'] });

describe('buildArguments', () => {
  it('adds --helm-kube-version and --helm-api-versions only with --enable-helm, defaulting to the destination', () => {
    expect(buildArguments(kustomizeOptions({ kubeVersion: '1.29.0' }), {}, app)).toEqual([]);
    const settings = { 'kustomize.buildOptions': '--enable-helm' };
    expect(buildArguments(kustomizeOptions({}), settings, app)).toEqual([
      '--enable-helm',
      '--helm-command',
      'helm-for-kustomize',
      '--helm-kube-version',
      '1.31.0',
      '--helm-api-versions',
      'apps/v1',
      '--helm-api-versions',
      'example.com/v1/Widget',
    ]);
    expect(buildArguments(kustomizeOptions({ kubeVersion: 'v1.29.3', apiVersions: ['x/v1'] }), settings, app)).toEqual([
      '--enable-helm',
      '--helm-command',
      'helm-for-kustomize',
      '--helm-kube-version',
      '1.29.3',
      '--helm-api-versions',
      'x/v1',
    ]);
  });

  it("keeps an admin's own --helm-command", () => {
    const settings = { 'kustomize.buildOptions': '--enable-helm --helm-command helm3' };
    expect(buildArguments(kustomizeOptions({ kubeVersion: '1.30.0' }), settings, app)).toEqual([
      '--enable-helm',
      '--helm-command',
      'helm3',
      '--helm-kube-version',
      '1.30.0',
      '--helm-api-versions',
      'apps/v1',
      '--helm-api-versions',
      'example.com/v1/Widget',
    ]);
  });

  it('uses kustomize.buildOptions.<version> when the source names a version', () => {
    const settings = { 'kustomize.buildOptions': '--a', 'kustomize.buildOptions.v5.4.0': '--b' };
    expect(buildArguments(kustomizeOptions({ version: 'v5.4.0' }), settings, app)).toEqual(['--b']);
    expect(buildArguments(kustomizeOptions({ version: 'v9' }), settings, app)).toEqual(['--a']);
  });
});

describe('firstError', () => {
  it('keeps kustomize error line, without the private copy path or the overlay name', () => {
    const stderr = [
      "error: accumulating resources: accumulation err='accumulating resources from 'missing.yaml': " +
        "open /tmp/driftless-ws-copy-AbC/workspace/apps/web/missing.yaml: no such file or directory'",
      '',
    ].join('\n');
    expect(firstError(stderr, 'apps/web', 'apps/web')).toBe(
      "accumulating resources: accumulation err='accumulating resources from 'missing.yaml': " +
        "open apps/web/missing.yaml: no such file or directory'",
    );
    expect(firstError('must build at directory: /tmp/driftless-ws-copy-x/workspace', 'a', 'a')).toBe(
      'must build at directory: ',
    );
    expect(firstError('Error: trouble in .driftless-kustomize-x1\n', '.driftless-kustomize-x1', 'apps/web')).toBe(
      'trouble in the options overlay',
    );
  });
});
