import { Module } from '@nestjs/common';
import { ApplicationReader } from './application-reader.service';
import { ApplicationConnectionResolver, ApplicationResolver } from './application.resolver';
import { ApplicationIndex } from './index/application-index.service';
import { VisibleApplications } from './index/visible-applications.service';

/** Applications: the list (from a watched index) and single reads; the mutations arrive with their issue. */
@Module({
  providers: [
    ApplicationReader,
    ApplicationIndex,
    VisibleApplications,
    ApplicationResolver,
    ApplicationConnectionResolver,
  ],
  exports: [ApplicationReader],
})
export class AppsModule {}
