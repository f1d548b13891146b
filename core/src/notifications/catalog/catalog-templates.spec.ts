// Every catalog trigger sends a catalog template, and each template renders for an app in the
// state its trigger fires on, for Slack and for other services.
import { parse } from 'yaml';
import { parseNotificationConfig } from '../config/notification-config';
import { NotificationRenderer } from '../render/render-notification';
import { catalogConfigMapData } from './catalog-templates';

const app = {
  metadata: { name: 'guestbook', namespace: 'argocd' },
  spec: { source: { repoURL: 'https://github.com/org/guestbook.git' } },
  status: {
    sync: { status: 'Synced', revision: 'abc' },
    health: { status: 'Degraded' },
    operationState: {
      phase: 'Failed',
      message: 'one or more objects failed',
      startedAt: '2026-01-01T00:00:00Z',
      finishedAt: '2026-01-01T00:01:00Z',
    },
  },
};

describe('the built-in catalog', () => {
  const config = parseNotificationConfig(catalogConfigMapData());

  it('parses without problems and every trigger sends a catalog template', () => {
    expect(config.problems).toEqual([]);
    expect([...config.triggers.keys()].sort()).toEqual([
      'on-created',
      'on-deleted',
      'on-deployed',
      'on-health-degraded',
      'on-sync-failed',
      'on-sync-running',
      'on-sync-status-unknown',
      'on-sync-succeeded',
    ]);
    for (const trigger of config.triggers.values())
      for (const condition of trigger.conditions)
        for (const name of condition.send) expect(config.templates.has(name)).toBe(true);
  });

  it.each([...parseNotificationConfig(catalogConfigMapData()).templates.keys()])(
    'renders %s for slack and email',
    (name) => {
      const renderer = new NotificationRenderer();
      for (const serviceType of ['slack', 'email']) {
        const notification = renderer.render([config.templates.get(name)!], {
          app,
          context: { argocdUrl: 'https://cd.example.com' },
          secrets: {},
          serviceType,
          recipient: 'ops',
        });
        expect(notification.body).toContain('guestbook');
        expect(notification.body).toContain('https://cd.example.com/applications/guestbook');
        expect(notification.title).toContain('guestbook');
        const attachments = parse(String((notification.fields?.slack as { attachments: string }).attachments)) as {
          title_link: string;
        }[];
        expect(attachments[0]?.title_link).toBe('https://cd.example.com/applications/guestbook');
      }
    },
  );
});
