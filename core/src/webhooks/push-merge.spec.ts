import { MAX_MERGED_FILES, mergePushes, pushKey } from './push-merge';
import { type PushEvent } from './push-event';

const push: PushEvent = {
  provider: 'github',
  repoUrls: ['https://github.com/Acme/GitOps'],
  revision: 'main',
  refKind: 'branch',
  touchedHead: true,
  changedFiles: ['a.yaml'],
};

describe('pushKey and mergePushes', () => {
  it('gives pushes of one repo and ref the same key, however the URL is spelled', () => {
    expect(pushKey(push)).toBe(pushKey({ ...push, repoUrls: ['git@github.com:acme/gitops.git'], changedFiles: ['b'] }));
    expect(pushKey(push)).not.toBe(pushKey({ ...push, revision: 'dev' }));
    expect(pushKey(push)).not.toBe(pushKey({ ...push, refKind: 'tag' }));
  });

  it('unites changed files, and gives up on listing them past the cap', () => {
    expect(mergePushes(push, { ...push, changedFiles: ['b.yaml', 'a.yaml'] }).changedFiles).toEqual([
      'a.yaml',
      'b.yaml',
    ]);
    expect(mergePushes(push, { ...push, changedFiles: undefined }).changedFiles).toBeUndefined();
    const many = Array.from({ length: MAX_MERGED_FILES }, (_, i) => `f${i}`);
    expect(mergePushes(push, { ...push, changedFiles: many }).changedFiles).toBeUndefined();
  });
});
