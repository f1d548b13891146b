import { helmFailure } from './helm-errors';

describe('helmFailure', () => {
  it('joins helm v4’s multi-line Error: paragraph into one line', () => {
    const stderr = [
      'walk.go:75: found symbolic link in path',
      'Error: b/templates/cm.yaml:3:27',
      '  executing "b/templates/cm.yaml" at <.Values.missing.name>:',
      '    nil pointer evaluating interface {}.name',
      '',
      'Use --debug flag to render out invalid YAML',
    ].join('\n');
    expect(helmFailure(stderr, 1)).toBe(
      'b/templates/cm.yaml:3:27 executing "b/templates/cm.yaml" at <.Values.missing.name>: nil pointer evaluating interface {}.name',
    );
  });

  it('falls back to the last line, hides the run directory and caps the length', () => {
    expect(helmFailure('open /tmp/driftless-exec-abc/.cache/x: denied\n', 1)).toBe('open <run dir>: denied');
    expect(helmFailure('', 2)).toBe('exit code 2');
    expect(helmFailure(`Error: ${'x'.repeat(900)}`, 1)).toHaveLength(501);
  });
});
