import { Module } from '@nestjs/common';
import { ApplicationReader } from './application-reader.service';
import { ApplicationResolver } from './application.resolver';

/** Applications: reading them today; the controller (refresh, compare, status) arrives with its issue. */
@Module({ providers: [ApplicationReader, ApplicationResolver], exports: [ApplicationReader] })
export class AppsModule {}
