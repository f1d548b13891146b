import { Injectable } from '@nestjs/common';
import { type CallEvent } from '@driftless/plugin-sdk';
import { Counter, Histogram } from 'prom-client';
import { MetricsService } from '../metrics/metrics.service';

/** Per-plugin call metrics, fed by the sandbox's call observer. */
@Injectable()
export class PluginMetrics {
  readonly calls: Counter<'plugin' | 'extension_point' | 'method'>;
  readonly errors: Counter<'plugin' | 'extension_point' | 'method' | 'code'>;
  readonly timeouts: Counter<'plugin' | 'extension_point' | 'method'>;
  readonly latency: Histogram<'plugin' | 'extension_point' | 'method'>;
  readonly runnerRestarts: Counter;

  constructor(metrics: MetricsService) {
    const registers = [metrics.registry];
    const labelNames = ['plugin', 'extension_point', 'method'] as const;
    this.calls = new Counter({
      name: 'driftless_plugin_calls_total',
      help: 'Plugin calls, by plugin and method',
      labelNames,
      registers,
    });
    this.errors = new Counter({
      name: 'driftless_plugin_errors_total',
      help: 'Plugin calls that failed, by plugin, method and error code',
      labelNames: [...labelNames, 'code'],
      registers,
    });
    this.timeouts = new Counter({
      name: 'driftless_plugin_timeouts_total',
      help: 'Plugin calls that ran past their CPU or wall-clock limit',
      labelNames,
      registers,
    });
    this.latency = new Histogram({
      name: 'driftless_plugin_call_duration_seconds',
      help: 'Plugin call latency through the runner boundary',
      labelNames,
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.runnerRestarts = new Counter({
      name: 'driftless_plugin_runner_restarts_total',
      help: 'Plugin-runner processes restarted after dying',
      registers,
    });
  }

  observe(event: CallEvent): void {
    const labels = {
      plugin: event.key.slice(0, event.key.lastIndexOf('@')),
      extension_point: event.extensionPoint,
      method: event.method,
    };
    this.calls.inc(labels);
    this.latency.observe(labels, event.durationMs / 1000);
    if (event.outcome === 'ok') return;
    this.errors.inc({ ...labels, code: event.outcome });
    if (event.outcome === 'PLUGIN_TIMEOUT') this.timeouts.inc(labels);
  }
}
