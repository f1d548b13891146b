// `driftless app history APPNAME`: the deployments recorded in
// status.history, read straight from the control-plane cluster.
import { Command, Option } from 'commander';
import { dump } from 'js-yaml';
import { addAppCommandOptions, appRefOf, type AppCommandOptions } from './app-options';
import { ApplicationClient } from './application-client';
import { renderHistoryTable } from './history-table';

/** Argo CD's `-o id` (IDs only) besides the usual formats. */
const historyFormats = ['table', 'wide', 'json', 'yaml', 'id'] as const;

interface HistoryOptions extends AppCommandOptions {
  output: (typeof historyFormats)[number];
}

export function appHistoryCommand(): Command {
  const command = new Command('history')
    .description('show the deployment history of an application')
    .argument('<appname>', 'NAME or NAMESPACE/NAME')
    .addOption(new Option('-o, --output <format>', 'output format').choices(historyFormats).default('table'));
  return addAppCommandOptions(command).action(async (appName: string, options: HistoryOptions) => {
    const app = await ApplicationClient.connect(options).get(appRefOf(appName, options));
    const history = app.status?.history ?? [];
    switch (options.output) {
      case 'json':
        process.stdout.write(`${JSON.stringify(history, null, 2)}\n`);
        return;
      case 'yaml':
        process.stdout.write(dump(history, { noRefs: true, lineWidth: -1 }));
        return;
      case 'id':
        process.stdout.write(history.map((entry) => `${entry.id}\n`).join(''));
        return;
      case 'table':
      case 'wide':
        process.stdout.write(renderHistoryTable(history));
    }
  });
}
