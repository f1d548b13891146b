import { Controller, Get, Req, Res } from '@nestjs/common';
import { type Request, type Response } from 'express';
import { badgeRequestFrom } from './badge-request';
import { renderBadge } from './badge-svg';
import { BadgeService } from './badge.service';

/** `GET /api/badge?name=…`: Argo CD's SVG status badge (no login, as in Argo CD). */
@Controller()
export class BadgeController {
  constructor(private readonly badges: BadgeService) {}

  @Get('/api/badge')
  async badge(@Req() request: Request, @Res() response: Response): Promise<void> {
    const answer = await this.badges.badge(badgeRequestFrom(request.query));
    response.setHeader('Cache-Control', 'private, no-store');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    if (answer.kind === 'bad-request') {
      response.status(400).end();
      return;
    }
    response.setHeader('Content-Type', 'image/svg+xml');
    // Badges are fetched by other sites' pages (READMEs, dashboards), as Argo CD allows.
    response.setHeader('Access-Control-Allow-Origin', '*');
    response.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    response.status(200).send(renderBadge(answer.view));
  }
}
