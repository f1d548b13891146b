import { envsubst } from './envsubst';

const env = { ARGOCD_APP_NAME: 'web', ARGOCD_APP_NAMESPACE: 'prod' };

describe('envsubst (Go os.Expand rules)', () => {
  it.each([
    ['values-$ARGOCD_APP_NAME.yaml', 'values-web.yaml'],
    ['${ARGOCD_APP_NAMESPACE}/values.yaml', 'prod/values.yaml'],
    ['$UNKNOWN-x', '-x'],
    ['cost: $$5', 'cost: $5'],
    ['trailing $', 'trailing $'],
    ['${}', ''],
    ['${open', 'open'],
    ['a $ b', 'a $ b'],
    ['no variables', 'no variables'],
  ])('%s → %s', (input, expected) => {
    expect(envsubst(input, env)).toBe(expected);
  });
});
