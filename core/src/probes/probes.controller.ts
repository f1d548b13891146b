import { Controller, Get, Header, HttpStatus, Res } from '@nestjs/common';
import { type Response } from 'express';
import { ReadinessService } from './readiness.service';

/** Kubernetes-style probes: liveness says the process serves; readiness that its dependencies answer. */
@Controller()
export class ProbesController {
  constructor(private readonly readiness: ReadinessService) {}

  @Get('healthz')
  @Header('Cache-Control', 'no-store')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('readyz')
  @Header('Cache-Control', 'no-store')
  async ready(@Res() response: Response): Promise<void> {
    const report = await this.readiness.check();
    response.status(report.ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(report);
  }
}
