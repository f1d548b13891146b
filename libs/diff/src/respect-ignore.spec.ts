import { keepIgnoredLiveValues } from './respect-ignore';
import { compileDiffConfig } from './settings';
import type { KubeObject } from './resource-key';

const deployment = (replicas: number, image: string, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop', ...extra },
  spec: {
    replicas,
    template: {
      spec: {
        containers: [
          { name: 'web', image },
          { name: 'side', image: 'side:1' },
        ],
      },
    },
  },
});

describe('keepIgnoredLiveValues (RespectIgnoreDifferences)', () => {
  const config = (rule: Record<string, unknown>) =>
    compileDiffConfig({ ignoreDifferences: [{ group: 'apps', kind: 'Deployment', ...rule }] });

  it('takes the live value of a json pointer and of jq paths, leaving other fields as desired', () => {
    const live = deployment(7, 'web:live');
    expect(keepIgnoredLiveValues(deployment(2, 'web:git'), live, config({ jsonPointers: ['/spec/replicas'] }))).toEqual(
      deployment(7, 'web:git'),
    );
    const jq = config({ jqPathExpressions: ['.spec.template.spec.containers[] | select(.name == "web") | .image'] });
    expect(keepIgnoredLiveValues(deployment(2, 'web:git'), live, jq)).toEqual(deployment(2, 'web:live'));
  });

  it('leaves an ignored field out when live has none, and changes nothing without rules or live', () => {
    const live: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: {} };
    const result = keepIgnoredLiveValues(deployment(2, 'a'), live, config({ jsonPointers: ['/spec/replicas'] }));
    expect((result.spec as Record<string, unknown>).replicas).toBeUndefined();
    expect(keepIgnoredLiveValues(deployment(2, 'a'), live, compileDiffConfig())).toEqual(deployment(2, 'a'));
    expect(keepIgnoredLiveValues(deployment(2, 'a'), undefined, config({ jsonPointers: ['/spec/replicas'] }))).toEqual(
      deployment(2, 'a'),
    );
  });

  it('takes the fields a trusted manager owns, at the matching list item', () => {
    const live = deployment(2, 'web:injected', {
      managedFields: [
        {
          manager: 'image-updater',
          operation: 'Update',
          fieldsV1: {
            'f:spec': { 'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"web"}': { 'f:image': {} } } } } },
          },
        },
      ],
    });
    const desired: KubeObject = {
      ...deployment(3, 'web:git'),
      spec: {
        replicas: 3,
        template: {
          spec: {
            containers: [
              { name: 'side', image: 'side:1' },
              { name: 'web', image: 'web:git' },
            ],
          },
        },
      },
    };
    const result = keepIgnoredLiveValues(desired, live, config({ managedFieldsManagers: ['image-updater'] }));
    expect(result.spec).toEqual({
      replicas: 3,
      template: {
        spec: {
          containers: [
            { name: 'side', image: 'side:1' },
            { name: 'web', image: 'web:injected' },
          ],
        },
      },
    });
  });
});
