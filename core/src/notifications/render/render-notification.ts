// Renders one `template.<name>` for one destination: every string in it (`message`, `title`,
// `email.subject`, `slack.attachments`, `webhook.<name>.body`, …) is a template of the chosen
// engine, rendered with the same variables, as notifications-engine does per service. The result is
// the notifier contract's Notification: `body` the message, `title` the title or email subject,
// `fields` the rendered per-service sections. Pure; errors name the template and the field.
import { renderTemplateText, sprigFunctions, TemplateError, type FuncMap } from '@driftless/gotemplate';
import { type Notification } from '@driftless/plugin-sdk';
import { type TemplateConfig } from '../config/notification-config';
import { createHandlebarsEnvironment, type HandlebarsEnvironment } from './handlebars-engine';
import { goTemplateVars, plainTemplateVars, type TemplateVarsInput } from './template-vars';

/** Rendered text larger than this fails the template (a message flood is a template bug). */
export const MAX_RENDERED_CHARS = 256 * 1024;

export class TemplateRenderError extends Error {
  readonly code = 'NOTIFY_TEMPLATE_ERROR';
  constructor(
    readonly template: string,
    message: string,
  ) {
    super(`template ${template}: ${message}`);
    this.name = 'TemplateRenderError';
  }
}

// Argo CD's set: Sprig without env, expandenv and getHostByName (BI-TPL-2).
let notificationFunctions: FuncMap | undefined;
function functions(): FuncMap {
  notificationFunctions ??= sprigFunctions({ omit: ['env', 'expandenv', 'getHostByName'] });
  return notificationFunctions;
}

/** Argo CD's template defaults: the GitHub section's repository and revision paths. */
function withServiceDefaults(fields: Record<string, unknown>): Record<string, unknown> {
  const github = fields.github;
  if (typeof github !== 'object' || github === null || Array.isArray(github)) return fields;
  return {
    ...fields,
    github: {
      repoURLPath: '{{.app.spec.source.repoURL}}',
      revisionPath: '{{.app.status.operationState.syncResult.revision}}',
      ...github,
    },
  };
}

export class NotificationRenderer {
  private readonly handlebars: HandlebarsEnvironment = createHandlebarsEnvironment();
  private readonly compiled = new Map<string, (data: Record<string, unknown>) => string>();

  render(templates: readonly TemplateConfig[], vars: TemplateVarsInput): Notification {
    const merged: Notification = { title: '', body: '', fields: {} };
    for (const template of templates) {
      const rendered = this.renderOne(template, vars);
      // Several templates of one condition merge as Argo CD does: later ones win field by field.
      if (rendered.body) merged.body = rendered.body;
      if (rendered.title) merged.title = rendered.title;
      merged.fields = { ...merged.fields, ...rendered.fields };
    }
    return merged;
  }

  private renderOne(template: TemplateConfig, vars: TemplateVarsInput): Notification {
    const data = template.engine === 'go' ? goTemplateVars(vars) : plainTemplateVars(vars);
    let size = 0;
    const renderText = (text: string, path: string): string => {
      const output = this.renderText(template, text, path, data);
      size += output.length;
      if (size > MAX_RENDERED_CHARS)
        throw new TemplateRenderError(template.name, `renders more than ${MAX_RENDERED_CHARS} characters`);
      return output;
    };
    const walk = (node: unknown, path: string): unknown => {
      if (typeof node === 'string') return renderText(node, path);
      if (Array.isArray(node)) return node.map((item, index) => walk(item, `${path}[${index}]`));
      if (typeof node === 'object' && node !== null)
        return Object.fromEntries(
          Object.entries(node).map(([key, item]) => [key, walk(item, path ? `${path}.${key}` : key)]),
        );
      return node;
    };
    const { message, title, ...sections } = withServiceDefaults(template.fields);
    const fields = walk(sections, '') as Record<string, unknown>;
    const body = typeof message === 'string' ? renderText(message, 'message') : '';
    const subject = (sections.email as { subject?: unknown } | undefined)?.subject;
    const titleText =
      typeof title === 'string'
        ? renderText(title, 'title')
        : typeof subject === 'string'
          ? String((fields.email as { subject?: unknown }).subject)
          : '';
    return { title: titleText, body, fields };
  }

  private renderText(template: TemplateConfig, text: string, path: string, data: Record<string, unknown>): string {
    const name = `${template.name}.${path}`;
    try {
      if (template.engine === 'go') {
        return renderTemplateText(text, data, { name, functions: 'go', funcs: functions() });
      }
      const key = `${template.name}\u0000${text}`;
      let compiled = this.compiled.get(key);
      if (!compiled) {
        compiled = this.handlebars.compile(text);
        if (this.compiled.size > 512) this.compiled.clear();
        this.compiled.set(key, compiled);
      }
      return compiled(data);
    } catch (error) {
      if (error instanceof TemplateError) throw new TemplateRenderError(template.name, error.message);
      throw new TemplateRenderError(
        template.name,
        `${path}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      );
    }
  }
}
