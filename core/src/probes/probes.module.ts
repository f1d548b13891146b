import { Module } from '@nestjs/common';
import { ProbesController } from './probes.controller';
import { ReadinessService } from './readiness.service';

@Module({ controllers: [ProbesController], providers: [ReadinessService] })
export class ProbesModule {}
