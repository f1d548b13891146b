import { type HttpRequest, type NotifierInput } from '@driftless/plugin-sdk';

export type RequestPlan = { requests: HttpRequest[] } | { invalid: string };

function jsonList(text: unknown, what: string): unknown[] | string | undefined {
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? (value as unknown[]) : `${what} must be a JSON list`;
  } catch (error) {
    return `${what} is not valid JSON: ${(error as Error).message}`;
  }
}

const json = { 'Content-Type': 'application/json' };

export interface TeamsServiceConfig {
  recipientUrls?: Record<string, string>;
}

interface TeamsTemplate {
  template?: string;
  title?: string;
  summary?: string;
  text?: string;
  themeColor?: string;
  facts?: string;
  sections?: string;
  potentialAction?: string;
}

/** One POST to `recipientUrls[recipient]`: the template's own card, or a MessageCard built from its fields. */
export function buildTeamsRequests(input: NotifierInput, _now: number): RequestPlan {
  const config = input.config as TeamsServiceConfig;
  const url = config.recipientUrls?.[input.destination];
  if (!url) return { invalid: `service.${input.service} has no recipientUrls entry for "${input.destination}"` };
  const section = (input.notification.fields?.teams ?? {}) as TeamsTemplate;
  if (typeof section.template === 'string' && section.template.trim()) {
    return { requests: [{ url, method: 'POST', headers: json, body: section.template }] };
  }
  const sections = jsonList(section.sections, 'teams.sections');
  const facts = jsonList(section.facts, 'teams.facts');
  const actions = jsonList(section.potentialAction, 'teams.potentialAction');
  for (const problem of [sections, facts, actions]) if (typeof problem === 'string') return { invalid: problem };
  const title = section.title ?? input.notification.title;
  const text = section.text ?? input.notification.body;
  const card: Record<string, unknown> = {
    '@type': 'MessageCard',
    '@context': 'https://schema.org/extensions',
    summary: section.summary || title || text.slice(0, 80),
    text,
  };
  if (title) card.title = title;
  if (section.themeColor) card.themeColor = section.themeColor;
  const allSections = [...((sections as unknown[] | undefined) ?? []), ...(facts ? [{ facts }] : [])];
  if (allSections.length > 0) card.sections = allSections;
  if (actions) card.potentialAction = actions;
  return { requests: [{ url, method: 'POST', headers: json, body: JSON.stringify(card) }] };
}
