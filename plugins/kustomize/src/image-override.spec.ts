import { overlayImages, parseImageOverride } from './image-override';

describe('parseImageOverride', () => {
  it.each([
    ['nginx=registry.example.com/nginx:1.27', { name: 'nginx', newName: 'registry.example.com/nginx', newTag: '1.27' }],
    ['nginx=registry.example.com/nginx', { name: 'nginx', newName: 'registry.example.com/nginx' }],
    ['nginx=nginx@sha256:abc', { name: 'nginx', newName: 'nginx', digest: 'sha256:abc' }],
    ['nginx:1.27', { name: 'nginx', newTag: '1.27' }],
    ['nginx@sha256:abc', { name: 'nginx', digest: 'sha256:abc' }],
    ['localhost:5000/web:2', { name: 'localhost:5000/web', newTag: '2' }],
  ])('%s', (spec, image) => {
    expect(parseImageOverride(spec)).toEqual(image);
  });

  it.each(['nginx', '=x', 'a=b=c'])('refuses %j', (spec) => {
    expect(() => parseImageOverride(spec)).toThrow(`kustomize image "${spec}" is not one of`);
  });
});

describe('overlayImages', () => {
  it('passes overrides for names the app does not rewrite', () => {
    expect(overlayImages([{ name: 'nginx', newTag: '2' }], [])).toEqual([{ name: 'nginx', newTag: '2' }]);
  });

  it('merges into the app entry of the same name, targeting the name that entry produces', () => {
    const app = [{ name: 'nginx', newName: 'mirror/nginx', newTag: '1' }];
    expect(overlayImages([{ name: 'nginx', newTag: '2' }], app)).toEqual([{ name: 'mirror/nginx', newTag: '2' }]);
    expect(overlayImages([{ name: 'nginx', digest: 'sha256:d' }], app)).toEqual([
      { name: 'mirror/nginx', digest: 'sha256:d' },
    ]);
    expect(overlayImages([{ name: 'nginx', newName: 'other/nginx' }], app)).toEqual([
      { name: 'mirror/nginx', newName: 'other/nginx', newTag: '1' },
    ]);
  });
});
