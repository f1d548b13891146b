import { type NotifierInput } from '@driftless/plugin-sdk';
import { buildWorkflowsRequests } from './teams-workflows';

const input = (section: Record<string, unknown>, destination = 'deploys'): NotifierInput => ({
  service: 'teams-workflows',
  serviceType: 'teams-workflows',
  config: { recipientUrls: { deploys: 'https://api.powerautomate.com/webhook/abc' } },
  destination,
  notification: { title: '', body: 'guestbook synced', fields: { 'teams-workflows': section } },
});

const cardOf = (plan: ReturnType<typeof buildWorkflowsRequests>) => {
  if (!('requests' in plan)) throw new Error(plan.invalid);
  const message = JSON.parse(plan.requests[0]!.body!) as {
    type: string;
    attachments: { contentType: string; content: Record<string, unknown> }[];
  };
  expect(message.type).toBe('message');
  expect(message.attachments[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  return message.attachments[0]!.content;
};

describe('teams-workflows', () => {
  it("converts Argo CD's template fields to an Adaptive Card", () => {
    const card = cardOf(
      buildWorkflowsRequests(
        input({
          themeColor: 'good',
          title: 'guestbook synced',
          facts: '[{"name": "Sync Status", "value": "Synced"}]',
          sections: '[{"facts": [{"name": "Namespace", "value": "argocd"}]}]',
          potentialAction:
            '[{"@type": "OpenUri", "name": "View in Argo CD", "targets": [{"os": "default", "uri": "https://argocd.example.com/applications/guestbook"}]}, {"@type": "HttpPOST", "name": "x"}]',
        }),
      ),
    );
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
    expect(card.body).toEqual([
      { type: 'TextBlock', text: 'guestbook synced', size: 'Large', weight: 'Bolder', wrap: true, color: 'Good' },
      { type: 'TextBlock', text: 'guestbook synced', wrap: true },
      { type: 'FactSet', facts: [{ title: 'Sync Status', value: 'Synced' }] },
      { type: 'FactSet', facts: [{ title: 'Namespace', value: 'argocd' }] },
    ]);
    expect(card.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'View in Argo CD', url: 'https://argocd.example.com/applications/guestbook' },
    ]);
  });

  it('sends a given adaptiveCard as it is, ahead of every other field', () => {
    const card = cardOf(
      buildWorkflowsRequests(
        input({ title: 'ignored', adaptiveCard: '{"type": "AdaptiveCard", "version": "1.5", "body": []}' }),
      ),
    );
    expect(card).toEqual({ type: 'AdaptiveCard', version: '1.5', body: [] });
  });

  it('refuses what it cannot send, saying why', () => {
    expect(buildWorkflowsRequests(input({}, 'elsewhere'))).toEqual({
      invalid: 'service.teams-workflows has no recipientUrls entry for "elsewhere"',
    });
    expect(buildWorkflowsRequests(input({ facts: '{oops' }))).toEqual({
      invalid: expect.stringContaining('teams-workflows.facts is not valid JSON'),
    });
    expect(buildWorkflowsRequests(input({ adaptiveCard: '[1]' }))).toEqual({
      invalid: 'teams-workflows.adaptiveCard must be a JSON object (an AdaptiveCard)',
    });
  });
});
