import {
  NO_CHANGES,
  editorCommand,
  judgeEdit,
  specAsYaml,
  withErrorComment,
  withoutLeadingComments,
} from './spec-edit';

const original = {
  project: 'default',
  source: { repoURL: 'https://git.example.com/apps.git', path: 'web', targetRevision: 'main' },
  destination: { server: 'https://kubernetes.default.svc', namespace: 'web' },
};
const written = specAsYaml(original);

describe('editorCommand', () => {
  it('prefers KUBE_EDITOR, then EDITOR, then vi', () => {
    expect(editorCommand({ KUBE_EDITOR: 'nano', EDITOR: 'emacs' })).toBe('nano');
    expect(editorCommand({ KUBE_EDITOR: ' ', EDITOR: 'code --wait' })).toBe('code --wait');
    expect(editorCommand({})).toBe('vi');
  });
});

describe('judgeEdit', () => {
  it('round-trips the spec: the YAML the editor gets parses back to the stored spec', () => {
    const reformatted = `# a comment the user added\n${written.replace('project: default', 'project:   default')}`;
    expect(judgeEdit({ written, saved: reformatted, original })).toEqual({ kind: 'cancelled', message: NO_CHANGES });
  });

  it('cancels when the file is saved as given, or emptied', () => {
    expect(judgeEdit({ written, saved: written, original })).toEqual({ kind: 'cancelled', message: NO_CHANGES });
    expect(judgeEdit({ written, saved: '# nothing\n', original })).toEqual({
      kind: 'cancelled',
      message: 'Edit cancelled, saved file was empty.',
    });
  });

  it('answers the changed spec', () => {
    const saved = written.replace('namespace: web', 'namespace: web-2');
    expect(judgeEdit({ written, saved, original })).toEqual({
      kind: 'changed',
      spec: { ...original, destination: { ...original.destination, namespace: 'web-2' } },
    });
  });

  it('reports invalid YAML and a non-mapping for another try', () => {
    const broken = judgeEdit({ written, saved: `${written}source: [unclosed\n`, original });
    expect(broken).toMatchObject({ kind: 'invalid', error: expect.stringMatching(/^invalid YAML: /) as unknown });
    expect(judgeEdit({ written, saved: '- project: default\n', original })).toMatchObject({ kind: 'invalid' });
  });

  it('gives up with the pending error when the erroneous file comes back unchanged', () => {
    const retry = withErrorComment('source: [unclosed\n', 'invalid YAML: bad');
    expect(judgeEdit({ written: retry, saved: retry, original, pendingError: 'invalid YAML: bad' })).toEqual({
      kind: 'abandoned',
      error: 'invalid YAML: bad',
    });
  });
});

describe('error comments', () => {
  it('puts the error above the text as comment lines, and takes it away again', () => {
    const text = 'project: default\n';
    const commented = withErrorComment(text, 'server error BAD_USER_INPUT: no such project\nsecond line');
    expect(commented).toBe('# server error BAD_USER_INPUT: no such project\n# second line\nproject: default\n');
    expect(withoutLeadingComments(commented)).toBe(text);
    // Comments further down are the user's: they stay.
    expect(withoutLeadingComments('# e\nproject: a # keep\n# keep too\n')).toBe('project: a # keep\n# keep too\n');
    expect(withoutLeadingComments('# only\n# comments')).toBe('');
  });
});
