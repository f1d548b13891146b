// Probe plugin for bench/yaml-parsers.bench.ts: parses the YAML it is given with
// js-yaml and with `yaml`, inside the sandbox isolate, and logs the timings.
import { defineRenderer } from '@driftless/plugin-sdk';
import { loadAll } from 'js-yaml';
import { parseAllDocuments } from 'yaml';

function time(rounds: number, parse: () => void): number {
  parse();
  const started = Date.now();
  for (let round = 0; round < rounds; round += 1) parse();
  return (Date.now() - started) / rounds;
}

export default defineRenderer({
  async render({ options }, host) {
    const text = String(options.text);
    const rounds = Number(options.rounds);
    const jsYamlMs = time(rounds, () => loadAll(text));
    const yamlMs = time(rounds, () => {
      for (const document of parseAllDocuments(text)) document.toJS();
    });
    await host.log.info('yaml parse', { jsYamlMs, yamlMs, bytes: text.length });
    return { manifests: [] };
  },
});
