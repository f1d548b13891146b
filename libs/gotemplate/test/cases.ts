// Reads golden case files, the same format golden/oracle/main.go reads:
//   ### case-name
//   ### data: {"json": "data"}        (optional, default {})
//   ### options: helm missingkey=error name=x funcs=go|sprig|applicationset
//   template text, up to the next "### " line (the last newline is not part of it)

export interface GoldenCase {
  name: string;
  data: string;
  options: string[];
  template: string;
}

export function parseCases(text: string): GoldenCase[] {
  const cases: GoldenCase[] = [];
  let current: GoldenCase | null = null;
  let body: string[] = [];
  let inHeader = false;
  const flush = () => {
    if (current) cases.push({ ...current, template: body.join('\n') });
  };
  const lines = text.split('\n');
  // A final newline ends the last line rather than adding an empty one.
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) {
    if (inHeader && current && line.startsWith('### data: ')) current.data = line.slice('### data: '.length);
    else if (inHeader && current && line.startsWith('### options: ')) {
      current.options = line.slice('### options: '.length).split(/\s+/).filter(Boolean);
    } else if (line.startsWith('### ')) {
      flush();
      current = { name: line.slice(4), data: '{}', options: [], template: '' };
      body = [];
      inHeader = true;
    } else {
      inHeader = false;
      body.push(line);
    }
  }
  flush();
  return cases;
}
