// Argo CD's `teams-workflows` service: Microsoft Teams Workflows (Power
// Automate) webhooks take Adaptive Cards only. The template's
// `teams-workflows` block either gives a whole card (`adaptiveCard`, or the
// legacy `template`), or the MessageCard-style fields, converted as Argo CD
// converts them: title → a large bold TextBlock coloured by themeColor, text
// (else the message) → a wrapped TextBlock, facts and the facts of sections →
// FactSets, OpenUri actions → Action.OpenUrl. Pure.
import { type NotifierInput } from '@driftless/plugin-sdk';
import { type RequestPlan } from './teams-request';

interface WorkflowsTemplate {
  adaptiveCard?: string;
  template?: string;
  title?: string;
  text?: string;
  themeColor?: string;
  facts?: string;
  sections?: string;
  potentialAction?: string;
}

type Json = Record<string, unknown>;

const SEMANTIC_COLORS = new Set(['default', 'dark', 'light', 'accent', 'good', 'warning', 'attention']);

function parseJson(text: string | undefined, what: string): unknown {
  if (text === undefined || text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`teams-workflows.${what} is not valid JSON: ${(error as Error).message}`);
  }
}

function list(text: string | undefined, what: string): Json[] {
  const value = parseJson(text, what);
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new Error(`teams-workflows.${what} must be a JSON list`);
  return value.filter((item): item is Json => typeof item === 'object' && item !== null);
}

/** A JSON scalar as text; objects and lists (not meant as text) become empty. */
const scalar = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';

function factSet(facts: Json[]): Json | undefined {
  const converted = facts
    .map((fact) => ({ title: scalar(fact.name ?? fact.title), value: scalar(fact.value) }))
    .filter((fact) => fact.title !== '' || fact.value !== '');
  return converted.length > 0 ? { type: 'FactSet', facts: converted } : undefined;
}

function openUrlActions(actions: Json[]): Json[] {
  return actions.flatMap((action) => {
    if (action['@type'] !== 'OpenUri') return [];
    const targets = Array.isArray(action.targets) ? (action.targets as Json[]) : [];
    const uri = targets.find((target) => typeof target.uri === 'string')?.uri;
    return typeof uri === 'string' ? [{ type: 'Action.OpenUrl', title: scalar(action.name) || 'Open', url: uri }] : [];
  });
}

/** Adaptive Card colours are semantic names; a hex colour is passed as Argo CD passes it. */
function color(themeColor: string | undefined): Json {
  if (!themeColor) return {};
  const semantic = SEMANTIC_COLORS.has(themeColor.toLowerCase());
  return { color: semantic ? themeColor.charAt(0).toUpperCase() + themeColor.slice(1).toLowerCase() : themeColor };
}

export function adaptiveCardOf(input: NotifierInput): Json {
  const section = (input.notification.fields?.['teams-workflows'] ?? {}) as WorkflowsTemplate;
  const given = parseJson(section.adaptiveCard ?? section.template, section.adaptiveCard ? 'adaptiveCard' : 'template');
  if (given !== undefined) {
    if (typeof given !== 'object' || given === null || Array.isArray(given))
      throw new Error('teams-workflows.adaptiveCard must be a JSON object (an AdaptiveCard)');
    return given as Json;
  }
  const title = section.title ?? input.notification.title;
  const text = section.text || input.notification.body;
  const body: Json[] = [];
  if (title)
    body.push({
      type: 'TextBlock',
      text: title,
      size: 'Large',
      weight: 'Bolder',
      wrap: true,
      ...color(section.themeColor),
    });
  if (text) body.push({ type: 'TextBlock', text, wrap: true });
  for (const facts of [
    list(section.facts, 'facts'),
    ...list(section.sections, 'sections').map((s) => (Array.isArray(s.facts) ? (s.facts as Json[]) : [])),
  ]) {
    const set = factSet(facts);
    if (set) body.push(set);
  }
  const actions = openUrlActions(list(section.potentialAction, 'potentialAction'));
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.4',
    body,
    ...(actions.length > 0 ? { actions } : {}),
  };
}

/** One POST of the card in the message envelope Workflows expects, to `recipientUrls[recipient]`. */
export function buildWorkflowsRequests(input: NotifierInput): RequestPlan {
  const url = (input.config.recipientUrls as Record<string, string> | undefined)?.[input.destination];
  if (!url) return { invalid: `service.${input.service} has no recipientUrls entry for "${input.destination}"` };
  let card: Json;
  try {
    card = adaptiveCardOf(input);
  } catch (error) {
    return { invalid: (error as Error).message };
  }
  const message = {
    type: 'message',
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }],
  };
  return {
    requests: [{ url, method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(message) }],
  };
}
