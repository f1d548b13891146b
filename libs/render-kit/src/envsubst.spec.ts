import { envsubst } from './envsubst';

const env = { ARGOCD_APP_NAME: 'web', ARGOCD_APP_NAMESPACE: 'prod', ARGOCD_APP_REVISION: 'abc' };

describe('envsubst (Go os.Expand rules)', () => {
  it.each([
    ['$ARGOCD_APP_NAME', 'web'],
    ['values-$ARGOCD_APP_NAME.yaml', 'values-web.yaml'],
    ['${ARGOCD_APP_NAMESPACE}/values.yaml', 'prod/values.yaml'],
    ['${ARGOCD_APP_NAME}-x', 'web-x'],
    ['rev:$ARGOCD_APP_REVISION.', 'rev:abc.'],
    ['$UNKNOWN-x', '-x'],
    ['$UNKNOWN|', '|'],
    ['cost: $$5', 'cost: $5'],
    ['trailing $', 'trailing $'],
    ['${}', ''],
    ['bad ${} x', 'bad  x'],
    ['${open', 'open'],
    ['open ${NAME', 'open NAME'],
    ['a $ b', 'a $ b'],
    ['$1x', 'x'],
    ['${1}x', 'x'],
    ['no variables', 'no variables'],
  ])('%s → %s', (input, expected) => {
    expect(envsubst(input, env)).toBe(expected);
  });

  it('looks up own names only', () => {
    expect(envsubst('$constructor|$toString', env)).toBe('|');
  });
});
