// Asks on the terminal for what a command was not given (username, password).
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { CliError, ExitCode } from '../exit-codes';

/** Reads one line from a terminal; `secret` hides what is typed. Fails with usage when stdin is not a terminal. */
export async function prompt(question: string, flag: string, secret = false): Promise<string> {
  if (!process.stdin.isTTY) throw new CliError(`${flag} is required when not running in a terminal`, ExitCode.usage);
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const terminal = createInterface({ input: process.stdin, output, terminal: true });
  try {
    const answer = terminal.question(question);
    muted = secret;
    const value = await answer;
    if (secret) process.stderr.write('\n');
    return value;
  } finally {
    terminal.close();
  }
}
