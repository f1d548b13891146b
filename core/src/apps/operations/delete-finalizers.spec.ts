import { finalizersForDeletion } from './delete-finalizers';

const plain = 'resources-finalizer.argocd.argoproj.io';
const background = 'resources-finalizer.argocd.argoproj.io/background';
const foreground = 'resources-finalizer.argocd.argoproj.io/foreground';

describe('finalizersForDeletion', () => {
  it.each<[string, string[], Parameters<typeof finalizersForDeletion>[1], string[]]>([
    ['cascade adds the resources finalizer', [], { cascade: true }, [plain]],
    ['cascade keeps one that is there', ['other', background], { cascade: true }, ['other', background]],
    [
      'background asks for the background finalizer',
      ['other', plain],
      { cascade: true, propagationPolicy: 'background' },
      ['other', background],
    ],
    ['foreground is the plain finalizer', [foreground], { cascade: true, propagationPolicy: 'foreground' }, [plain]],
    [
      'non-cascade removes every resources finalizer',
      ['other', plain, background, foreground],
      { cascade: false },
      ['other'],
    ],
    ['non-cascade leaves others alone', ['other'], { cascade: false }, ['other']],
  ])('%s', (_case, current, request, expected) => {
    expect(finalizersForDeletion(current, request)).toEqual(expected);
  });
});
