import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { type KernelConfig } from '../config/config.schema';
import { redactedPaths } from './redaction';
import { requestLogFields, responseLogFields } from './request-log';

/** pino JSON logs for the kernel and for HTTP requests (probes and metrics are not logged). */
@Module({})
export class LoggingModule {
  static forRoot(config: KernelConfig, role: string): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            base: { role },
            redact: { paths: redactedPaths, censor: '[redacted]' },
            serializers: { req: requestLogFields, res: responseLogFields },
            autoLogging: { ignore: (request) => /^\/(healthz|readyz|metrics)/.test(request.url ?? '') },
          },
        }),
      ],
    };
  }
}
