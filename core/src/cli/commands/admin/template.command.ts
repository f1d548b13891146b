// `driftless admin template render`: renders a Go template offline with the
// engine Driftless uses for ApplicationSets, notifications and Helm.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { renderTemplateText, TemplateError } from '@driftless/gotemplate';
import { Command, Option } from 'commander';
import { CliError, ExitCode } from '../../exit-codes';

interface RenderOptions {
  data?: string;
  missingkey: 'default' | 'zero' | 'error';
  helm: boolean;
}

async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(
      `cannot read ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      ExitCode.usage,
    );
  }
}

async function readData(file: string | undefined): Promise<unknown> {
  if (file === undefined) return {};
  const text = await readText(file, 'data file');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliError(`${file} is not valid JSON: ${(error as Error).message}`, ExitCode.usage);
  }
}

function renderCommand(): Command {
  return new Command('render')
    .description('render a Go text/template (with Sprig, or Helm’s functions with --helm) and print the result')
    .argument('<template-file>', 'the template')
    .option('--data <file>', 'JSON data the template sees as "."')
    .addOption(
      new Option('--missingkey <mode>', 'what a missing map key renders as')
        .choices(['default', 'zero', 'error'])
        .default('default'),
    )
    .option('--helm', 'Helm mode: include, tpl, required, toYaml …; "<no value>" becomes empty', false)
    .action(async (templateFile: string, options: RenderOptions) => {
      const [text, data] = await Promise.all([readText(templateFile, 'template'), readData(options.data)]);
      try {
        process.stdout.write(
          renderTemplateText(text, data, {
            name: basename(templateFile),
            missingKey: options.missingkey,
            helm: options.helm,
          }),
        );
      } catch (error) {
        if (error instanceof TemplateError) throw new CliError(error.message, ExitCode.failed);
        throw error;
      }
    });
}

export function templateCommand(): Command {
  return new Command('template')
    .description('Go templates, as ApplicationSets, notifications and Helm use them')
    .addCommand(renderCommand());
}
