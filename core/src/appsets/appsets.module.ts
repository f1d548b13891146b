import { Module } from '@nestjs/common';
import { ApplicationSetsResolver } from './api/application-sets.resolver';

/** ApplicationSets in the API (server role): the query; generating Applications is the ApplicationSet controller's. */
@Module({ providers: [ApplicationSetsResolver] })
export class AppSetsModule {}
