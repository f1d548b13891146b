// The output convention of every client command: a human table by default,
// `-o wide` for more columns, `-o json|yaml` for machines, `-o name` for names.
import { Option } from 'commander';
import { dump } from 'js-yaml';
import { CliError, ExitCode } from './exit-codes';

export const outputFormats = ['table', 'wide', 'json', 'yaml', 'name'] as const;
export type OutputFormat = (typeof outputFormats)[number];

export function outputOption(): Option {
  return new Option('-o, --output <format>', 'output format').choices(outputFormats).default('table');
}

export interface Column<T> {
  header: string;
  value: (row: T) => string;
  /** Shown only with -o wide. */
  wide?: boolean;
}

export interface Printable<T> {
  /** What -o json / -o yaml print. */
  data: unknown;
  rows: T[];
  columns: Column<T>[];
  name?: (row: T) => string;
}

export function render<T>(printable: Printable<T>, format: OutputFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(printable.data, null, 2)}\n`;
    case 'yaml':
      return dump(printable.data, { noRefs: true, lineWidth: -1 });
    case 'name': {
      const name = printable.name;
      if (!name) throw new CliError('-o name is not available for this command', ExitCode.usage);
      return printable.rows.map((row) => `${name(row)}\n`).join('');
    }
    case 'table':
    case 'wide':
      return renderTable(
        printable.rows,
        printable.columns.filter((column) => format === 'wide' || !column.wide),
      );
  }
}

export function renderTable<T>(rows: T[], columns: Column<T>[]): string {
  const cells = [
    columns.map((column) => column.header),
    ...rows.map((row) => columns.map((column) => column.value(row))),
  ];
  const widths = columns.map((_, index) => Math.max(...cells.map((line) => (line[index] ?? '').length)));
  return cells
    .map((line) =>
      line
        .map((cell, index) => (index === line.length - 1 ? cell : cell.padEnd((widths[index] ?? 0) + 2)))
        .join('')
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join('');
}
