import { Module } from '@nestjs/common';
import { BadgeController } from './badge.controller';
import { BadgeService } from './badge.service';

/** The status badge (`GET /api/badge`). Server role. */
@Module({ controllers: [BadgeController], providers: [BadgeService] })
export class BadgeModule {}
