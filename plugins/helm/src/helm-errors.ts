// helm's stderr reduced to what a user needs: the `Error:` paragraph (helm v4
// spreads one error over several indented lines, and prints warnings and
// usage hints around it) joined into one line, without absolute paths of the
// private run directory, capped in length.

const maxLength = 500;

export function helmFailure(stderr: string, exitCode: number): string {
  const lines = stderr.split('\n').map((line) => line.trim());
  const start = lines.findIndex((line) => line.startsWith('Error:'));
  let chosen: string;
  if (start >= 0) {
    const paragraph = [(lines[start] ?? '').slice('Error:'.length).trim()];
    for (const line of lines.slice(start + 1)) {
      if (line === '' || line.startsWith('Use --debug')) break;
      paragraph.push(line);
    }
    chosen = paragraph.filter(Boolean).join(' ');
  } else chosen = lines.filter(Boolean).at(-1) ?? `exit code ${exitCode}`;
  const cleaned = chosen.replace(/\/[^\s"':]*driftless-(?:exec|ws-copy)-[^\s"':]*/g, '<run dir>');
  return cleaned.length > maxLength ? `${cleaned.slice(0, maxLength)}…` : cleaned;
}
