// `driftless admin notifications …`: Argo CD's `argocd admin notifications` offline — list and
// show templates and triggers, run a trigger against an Application file, render a template and
// send it through the notifier plugins (the same sandbox and grants as the controller), and print
// the built-in catalog as an argocd-notifications-cm.
import { Command, Option } from 'commander';
import { dump } from 'js-yaml';
import { createNotificationEnv, runTrigger } from '@driftless/notify-expr';
import { MetricsService } from '../../../metrics/metrics.service';
import { catalogConfigMapData } from '../../../notifications/catalog/catalog-templates';
import { type NotificationConfig } from '../../../notifications/config/notification-config';
import { NotifierRunner } from '../../../notifications/delivery/notifier-runner';
import { NotificationRenderer } from '../../../notifications/render/render-notification';
import { defaultBuiltinsDir } from '../../../plugins/builtin-discovery';
import { PluginHost } from '../../../plugins/plugin-host.service';
import { PluginMetrics } from '../../../plugins/plugin-metrics.service';
import { CliError, ExitCode } from '../../exit-codes';
import { outputOption, render, type OutputFormat } from '../../output';
import { readApplication, readNotificationConfig } from './notifications-files';

interface FileOptions {
  configMap?: string;
  secret?: string;
}

const fileOptions = (command: Command): Command =>
  command
    .option('--config-map <file>', 'argocd-notifications-cm manifest (default: the built-in catalog)')
    .option('--secret <file>', 'argocd-notifications-secret manifest');

function templateGet(): Command {
  return fileOptions(new Command('get'))
    .description('list notification templates, or show one')
    .argument('[name]', 'template name')
    .addOption(outputOption())
    .action(async (name: string | undefined, options: FileOptions & { output: OutputFormat }) => {
      const config = await readNotificationConfig(options.configMap, options.secret);
      const templates = [...config.templates.values()].filter((template) => !name || template.name === name);
      if (name && templates.length === 0) throw new CliError(`template ${name} is not defined`, ExitCode.failed);
      process.stdout.write(
        render(
          {
            data: templates,
            rows: templates,
            columns: [
              { header: 'NAME', value: (template) => template.name },
              { header: 'ENGINE', value: (template) => template.engine },
              {
                header: 'SERVICES',
                value: (template) =>
                  Object.keys(template.fields)
                    .filter((key) => key !== 'message' && key !== 'title')
                    .join(','),
              },
              {
                header: 'PREVIEW',
                value: (template) =>
                  (typeof template.fields.message === 'string' ? template.fields.message : '')
                    .split('\n')[0]!
                    .slice(0, 60),
              },
            ],
            name: (template) => template.name,
          },
          options.output,
        ),
      );
    });
}

function triggerGet(): Command {
  return fileOptions(new Command('get'))
    .description('list notification triggers, or show one')
    .argument('[name]', 'trigger name')
    .addOption(outputOption())
    .action(async (name: string | undefined, options: FileOptions & { output: OutputFormat }) => {
      const config = await readNotificationConfig(options.configMap, options.secret);
      const rows = [...config.triggers.values()]
        .filter((trigger) => !name || trigger.name === name)
        .flatMap((trigger) => trigger.conditions.map((condition) => ({ trigger: trigger.name, ...condition })));
      if (name && rows.length === 0) throw new CliError(`trigger ${name} is not defined`, ExitCode.failed);
      process.stdout.write(
        render(
          {
            data: rows.map(({ trigger, when, send, description, oncePer }) => ({
              trigger,
              when,
              send,
              description,
              oncePer,
            })),
            rows,
            columns: [
              { header: 'NAME', value: (row) => row.trigger },
              { header: 'TEMPLATE', value: (row) => row.send.join(',') },
              { header: 'CONDITION', value: (row) => row.when },
              { header: 'DESCRIPTION', value: (row) => row.description ?? '', wide: true },
            ],
            name: (row) => row.trigger,
          },
          options.output,
        ),
      );
    });
}

function triggerRun(): Command {
  return fileOptions(new Command('run'))
    .description('evaluate a trigger against an Application manifest')
    .argument('<name>', 'trigger name')
    .argument('<app-file>', 'Application manifest (YAML or JSON)')
    .action(async (name: string, appFile: string, options: FileOptions) => {
      const config = await readNotificationConfig(options.configMap, options.secret);
      const trigger = config.triggers.get(name);
      if (!trigger) throw new CliError(`trigger ${name} is not defined`, ExitCode.failed);
      const app = await readApplication(appFile);
      const run = runTrigger(trigger, createNotificationEnv({ app }));
      const rows = run.results.map((result, index) => ({
        condition: trigger.conditions[index]?.when ?? '',
        result: String(result.triggered),
        oncePer: result.oncePer,
      }));
      process.stdout.write(
        render(
          {
            data: rows,
            rows,
            columns: [
              { header: 'CONDITION', value: (row) => row.condition },
              { header: 'RESULT', value: (row) => row.result },
            ],
          },
          'table',
        ),
      );
      for (const warning of run.warnings) process.stderr.write(`error: ${warning.part}: ${warning.error.message}\n`);
      if (run.warnings.length > 0) throw new CliError(`trigger ${name} could not be evaluated`, ExitCode.failed);
    });
}

function parseRecipient(text: string): { service: string; recipient: string } {
  const colon = text.indexOf(':');
  return colon < 0
    ? { service: text, recipient: '' }
    : { service: text.slice(0, colon), recipient: text.slice(colon + 1) };
}

async function notify(
  config: NotificationConfig,
  name: string,
  app: Record<string, unknown>,
  recipients: string[],
  print: boolean,
): Promise<void> {
  const template = config.templates.get(name);
  if (!template) throw new CliError(`template ${name} is not defined`, ExitCode.failed);
  const renderer = new NotificationRenderer();
  const targets = recipients.map(parseRecipient);
  const host = print ? undefined : new PluginHost({ runners: 1 }, new PluginMetrics(new MetricsService()));
  const runner = host ? new NotifierRunner(host, defaultBuiltinsDir()) : undefined;
  let failures = 0;
  try {
    for (const target of targets) {
      const service = config.services.get(target.service);
      if (!service)
        throw new CliError(`service ${target.service} is not configured (service.${target.service})`, ExitCode.usage);
      const notification = renderer.render([template], {
        app,
        context: config.context,
        secrets: config.secrets,
        serviceType: service.type,
        recipient: target.recipient,
      });
      if (!runner) {
        process.stdout.write(
          dump({ service: target.service, recipient: target.recipient, notification }, { lineWidth: -1 }),
        );
        continue;
      }
      const output = await runner
        .deliver({
          service,
          networks: config.settings.networks,
          timeoutMs: config.settings.timeoutMs,
          input: {
            service: service.name,
            serviceType: service.type,
            config: service.config,
            destination: target.recipient,
            notification,
          },
        })
        .catch((error: unknown) => ({ delivered: false, detail: (error as Error).message }));
      if (!output.delivered) failures += 1;
      process.stdout.write(
        `${target.service}:${target.recipient} ${output.delivered ? 'sent' : `failed: ${output.detail ?? ''}`}\n`,
      );
    }
  } finally {
    await host?.stop();
  }
  if (failures > 0) throw new CliError(`${failures} notification(s) not sent`, ExitCode.failed);
}

function templateNotify(): Command {
  return fileOptions(new Command('notify'))
    .description('render a template for an Application manifest and send it to recipients')
    .argument('<name>', 'template name')
    .argument('<app-file>', 'Application manifest (YAML or JSON)')
    .option('--recipient <service:recipient...>', 'where to send, e.g. slack:my-channel', [])
    .option('--print', 'print the rendered notification instead of sending it', false)
    .action(async (name: string, appFile: string, options: FileOptions & { recipient: string[]; print: boolean }) => {
      if (options.recipient.length === 0)
        throw new CliError('name at least one --recipient service:recipient', ExitCode.usage);
      const config = await readNotificationConfig(options.configMap, options.secret);
      await notify(config, name, await readApplication(appFile), options.recipient, options.print);
    });
}

function catalogCommand(): Command {
  return new Command('catalog')
    .description(
      "print Argo CD's built-in triggers and templates as argocd-notifications-cm (pipe to kubectl apply -f -)",
    )
    .addOption(new Option('-n, --namespace <namespace>', 'namespace of the ConfigMap').default('argocd'))
    .action((options: { namespace: string }) => {
      process.stdout.write(
        dump(
          {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: 'argocd-notifications-cm', namespace: options.namespace },
            data: catalogConfigMapData(),
          },
          { lineWidth: -1 },
        ),
      );
    });
}

export function notificationsCommand(): Command {
  return new Command('notifications')
    .description('notification templates and triggers, offline (argocd admin notifications)')
    .addCommand(
      new Command('template')
        .description('notification templates')
        .addCommand(templateGet())
        .addCommand(templateNotify()),
    )
    .addCommand(
      new Command('trigger').description('notification triggers').addCommand(triggerGet()).addCommand(triggerRun()),
    )
    .addCommand(catalogCommand());
}
