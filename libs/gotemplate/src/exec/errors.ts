// Errors raised while executing, formatted like text/template's ExecError:
//   template: NAME:LINE:COL: executing "NAME" at <ACTION>: MESSAGE
import { nodeString, type Node } from '../parse/nodes';
import { utf8Length } from '../values/types';

export interface Location {
  parseName: string;
  line: number;
  /** Byte offset within the line, counted from 0 as Go does. */
  column: number;
}

export function locate(node: Node): Location {
  const before = node.source.text.slice(0, node.pos);
  const lastNewline = before.lastIndexOf('\n');
  const line = 1 + (before.match(/\n/g)?.length ?? 0);
  const column = utf8Length(lastNewline < 0 ? before : before.slice(lastNewline + 1));
  return { parseName: node.source.parseName, line, column };
}

export class ExecError extends Error {
  constructor(
    message: string,
    readonly templateName: string,
    readonly location: Location | null,
  ) {
    super(message);
    this.name = 'ExecError';
  }

  static at(node: Node | null, templateName: string, message: string): ExecError {
    if (node === null) return new ExecError(`template: ${templateName}: ${message}`, templateName, null);
    const location = locate(node);
    const where = `${location.parseName}:${location.line}:${location.column}`;
    const text = `template: ${where}: executing "${templateName}" at <${nodeString(node)}>: ${message}`;
    return new ExecError(text, templateName, location);
  }
}

/** A resource limit was hit; never wrapped as "error calling ..." so callers see the cause. */
export class LimitError extends Error {
  constructor(
    message: string,
    /** The action running when the limit was hit, once an executor has placed it. */
    readonly location: Location | null = null,
    readonly templateName: string | null = null,
  ) {
    super(message);
    this.name = 'LimitError';
  }

  /** Reworded like an execution error at `node`, unless an inner execution already placed it. */
  placeAt(node: Node | null, templateName: string): LimitError {
    if (this.location !== null || node === null) return this;
    const placed = ExecError.at(node, templateName, this.message);
    return new LimitError(placed.message, placed.location, templateName);
  }
}
