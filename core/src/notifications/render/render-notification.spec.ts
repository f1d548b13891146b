import { parseNotificationConfig } from '../config/notification-config';
import { NotificationRenderer } from './render-notification';

const app = {
  metadata: { name: 'guestbook', namespace: 'argocd' },
  spec: { source: { repoURL: 'git@github.com:org/guestbook.git' } },
  status: { sync: { status: 'Synced', revision: 'abc123' }, operationState: { phase: 'Succeeded' } },
};

function render(templates: Record<string, string>, names: string[], recipient = 'ops') {
  const config = parseNotificationConfig(
    Object.fromEntries(Object.entries(templates).map(([name, text]) => [`template.${name}`, text])),
  );
  expect(config.problems).toEqual([]);
  return new NotificationRenderer().render(
    names.map((name) => config.templates.get(name)!),
    {
      app,
      appProject: { metadata: { name: 'default' } },
      context: { argocdUrl: 'https://cd.example.com' },
      secrets: { token: 's3cret' },
      serviceType: 'slack',
      recipient,
    },
  );
}

describe('NotificationRenderer (Go templates)', () => {
  it('renders message, title and every string of the per-service sections with Argo CD variables', () => {
    const notification = render(
      {
        deployed: [
          'message: "{{.app.metadata.name}} is {{.app.status.sync.status}} at {{.app.status.sync.revision | trunc 7}} for {{.recipient}} via {{.serviceType}}"',
          'title: Deployed {{.app.metadata.name}}',
          'slack:',
          '  attachments: \'[{"title": "{{.app.metadata.name}}", "title_link": "{{.context.argocdUrl}}/applications/{{.app.metadata.name}}"}]\'',
          '  groupingKey: "{{.app.status.sync.revision}}"',
          '  notifyBroadcast: false',
          'webhook:',
          '  github:',
          '    method: POST',
          '    path: /repos/{{call .repo.FullNameByRepoURL .app.spec.source.repoURL}}/statuses/{{.app.status.sync.revision}}',
          '    body: \'{"repo": "{{call .repo.RepoURLToHTTPS .app.spec.source.repoURL}}", "project": "{{.appProject.metadata.name}}"}\'',
        ].join('\n'),
      },
      ['deployed'],
    );
    expect(notification).toEqual({
      title: 'Deployed guestbook',
      body: 'guestbook is Synced at abc123 for ops via slack',
      fields: {
        slack: {
          attachments: '[{"title": "guestbook", "title_link": "https://cd.example.com/applications/guestbook"}]',
          groupingKey: 'abc123',
          notifyBroadcast: false,
        },
        webhook: {
          github: {
            method: 'POST',
            path: '/repos/org/guestbook/statuses/abc123',
            body: '{"repo": "https://github.com/org/guestbook", "project": "default"}',
          },
        },
      },
    });
  });

  it('merges several templates of one condition, later ones winning field by field', () => {
    const notification = render(
      { a: 'message: first\nslack:\n  groupingKey: a\n', b: 'message: second\nwebhook:\n  x: {method: GET}\n' },
      ['a', 'b'],
    );
    expect(notification).toEqual({
      title: '',
      body: 'second',
      fields: { slack: { groupingKey: 'a' }, webhook: { x: { method: 'GET' } } },
    });
  });

  it('uses email.subject as the title', () => {
    expect(render({ mail: 'email:\n  subject: "{{.app.metadata.name}} synced"\nmessage: m\n' }, ['mail']).title).toBe(
      'guestbook synced',
    );
  });

  it.each([
    ['an unknown function', 'message: "{{ .app.metadata.name | nosuch }}"', /function "nosuch" not defined/],
    ['env (BI-TPL-2)', 'message: "{{ env \\"HOME\\" }}"', /function "env" not defined/],
    ['expandenv (BI-TPL-2)', 'message: "{{ expandenv \\"$HOME\\" }}"', /function "expandenv" not defined/],
    [
      'getHostByName (BI-TPL-2)',
      'message: "{{ getHostByName \\"localhost\\" }}"',
      /function "getHostByName" not defined/,
    ],
    ['a field of a string', 'message: "{{ .app.spec.source.repoURL.deeper }}"', /deeper/],
    ['an endless range', 'message: "{{ range $i := until 100000000 }}x{{ end }}"', /template t/],
  ])('fails on %s, naming the template', (_name, text, message) => {
    expect(() => render({ t: text }, ['t'])).toThrow(message);
  });
});

describe('NotificationRenderer (handlebars, BI-TPL-1)', () => {
  const handlebars = (body: string) => render({ h: `engine: handlebars\nmessage: '${body}'\n` }, ['h']).body;

  it('renders app variables with HTML escaping', () => {
    expect(handlebars('{{app.metadata.name}} {{recipient}} {{context.argocdUrl}}')).toBe(
      'guestbook ops https://cd.example.com',
    );
    expect(render({ h: 'engine: handlebars\nmessage: "{{recipient}}"\n' }, ['h'], '<b>&').body).toBe('&lt;b&gt;&amp;');
  });

  it.each([
    ['constructor via with', '{{#with "constructor"}}{{#with split}}ran{{/with}}{{/with}}', ''],
    ['lookup __proto__', '[{{lookup this "__proto__"}}]', '[]'],
    ['constructor.name', '[{{app.constructor.name}}]', '[]'],
    ['__proto__ path', '[{{app.__proto__.polluted}}]', '[]'],
    ['__defineGetter__', '[{{app.__defineGetter__}}]', '[]'],
  ])('gives no prototype access: %s', (_name, body, expected) => expect(handlebars(body)).toBe(expected));

  it.each([
    ['a partial', '{{> widget}}'],
    ['an unknown helper', '{{pop (push "alert(1)")}}'],
    ['log', '{{log "x"}}'],
  ])('refuses %s', (_name, body) => expect(() => handlebars(body)).toThrow(/template h/));

  it('does not let one template pollute another', () => {
    expect(() => handlebars('{{#with "__proto__"}}{{polluted}}{{/with}}')).not.toThrow();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
