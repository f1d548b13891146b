import fc from 'fast-check';
import { type Application } from '@driftless/schema';
import { badgeRequestFrom, isValidAppName } from './badge-request';
import { escapeXml, renderBadge } from './badge-svg';
import { applicationBadge, notFoundBadge } from './badge-view';

function app(status: Record<string, unknown>, name = 'guestbook'): Application {
  return { metadata: { name, namespace: 'argocd' }, spec: {}, status } as unknown as Application;
}

describe('status badge', () => {
  it('shows health and sync status in Argo CD colours', () => {
    const svg = renderBadge(
      applicationBadge(app({ health: { status: 'Healthy' }, sync: { status: 'OutOfSync' } }), badgeRequestFrom({})),
    );
    expect(svg).toMatch(/^<svg width="131" height="20"/);
    expect(svg).toContain('id="leftRect" fill="#18be52"');
    expect(svg).toContain('id="rightRect" fill="#f4c030"');
    expect(svg).toMatch(/id="leftText"[^>]*>Healthy</);
    expect(svg).toMatch(/id="rightText"[^>]*>OutOfSync</);
    expect(svg).not.toContain('revisionText');
  });

  it('adds the short revision and the app name when asked', () => {
    const request = badgeRequestFrom({ revision: 'TRUE', showAppName: 'true' });
    const view = applicationBadge(
      app({
        health: { status: 'Degraded' },
        sync: { status: 'Synced' },
        operationState: { syncResult: { revision: '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c' } },
      }),
      request,
    );
    const svg = renderBadge(view);
    expect(svg).toMatch(/^<svg width="192" height="40"/);
    expect(svg).toMatch(/id="revisionText"[^>]*>\(0d1a26e\)</);
    expect(svg).toMatch(/id="titleText"[^>]*>guestbook</);
    expect(svg).toContain('id="leftRect" fill="#e96d76"');
    const full = renderBadge(
      applicationBadge(
        app({ operationState: { syncResult: { revisions: ['0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c'] } } }),
        badgeRequestFrom({ revision: 'true', keepFullRevision: 'true' }),
      ),
    );
    expect(full).toMatch(/^<svg width="400"/);
    expect(full).toContain('(0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c)');
  });

  it('honours a width and ignores nonsense widths', () => {
    expect(renderBadge(notFoundBadge(badgeRequestFrom({ width: '300' })))).toMatch(/^<svg width="300"/);
    for (const width of ['-1', '0', 'abc', '1e9', '12.5']) expect(badgeRequestFrom({ width }).width).toBeUndefined();
  });

  it('shows unknown statuses in grey, as text', () => {
    const svg = renderBadge(
      applicationBadge(
        app({ health: { status: '<script>alert(1)</script>' }, sync: { status: 'a"b' } }),
        badgeRequestFrom({}),
      ),
    );
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('id="leftRect" fill="#ccd6dd"');
  });

  it('escapes every text it shows (BI-XSS-2)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (health, sync, name) => {
        const svg = renderBadge(
          applicationBadge(
            app(
              {
                health: { status: health },
                sync: { status: sync },
                operationState: { syncResult: { revision: name } },
              },
              name,
            ),
            badgeRequestFrom({ revision: 'true', showAppName: 'true' }),
          ),
        );
        // Markup comes only from the template: no text adds an element or breaks out of an attribute.
        const tags = svg.match(/<[a-zA-Z/][^>]*>/g) ?? [];
        for (const tag of tags) expect(tag).toMatch(/^<\/?(svg|title|clipPath|rect|g|text)[\s>/]/);
        expect(svg.split('<').length).toBe(tags.length + 1);
      }),
    );
  });

  it('escapes XML specials and drops characters XML cannot carry', () => {
    expect(escapeXml(`<a href="x" onload='y'>&</a>\u0000`)).toBe(
      '&lt;a href=&quot;x&quot; onload=&apos;y&apos;&gt;&amp;&lt;/a&gt;\ufffd',
    );
  });

  it('reads the first value of repeated parameters', () => {
    expect(badgeRequestFrom({ name: ['a', 'b'], revision: ['true', 'false'] })).toMatchObject({
      name: 'a',
      revision: true,
    });
    expect(badgeRequestFrom({ name: { nested: 'x' } }).name).toBeUndefined();
  });

  it('accepts Kubernetes names only', () => {
    expect(isValidAppName('guestbook-1.prod')).toBe(true);
    for (const name of ['', 'Guestbook', '-x', 'x-', 'a/b', '<img>', 'a'.repeat(254)])
      expect(isValidAppName(name)).toBe(false);
  });
});
