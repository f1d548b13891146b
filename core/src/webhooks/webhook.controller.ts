import { Controller, Post, Req, Res } from '@nestjs/common';
import { type Request, type Response } from 'express';
import { WEBHOOK_PATH, webhookBodyOf } from './webhook-body.middleware';
import { WebhookService } from './webhook.service';

/**
 * `POST /api/webhook`, Argo CD's Git webhook endpoint. No login: a request is authenticated by
 * its provider's signature or token (WebhookService). The body was read by the webhook body
 * middleware, before any parser.
 */
@Controller()
export class WebhookController {
  constructor(private readonly webhooks: WebhookService) {}

  @Post(WEBHOOK_PATH)
  async receive(@Req() request: Request, @Res() response: Response): Promise<void> {
    const received = webhookBodyOf(request);
    const answer = received
      ? await this.webhooks.handle(received)
      : { status: 400, message: 'Webhook processing failed: the body could not be read' };
    response.status(answer.status);
    response.setHeader('Content-Type', 'text/plain; charset=utf-8');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Cache-Control', 'no-store');
    if (answer.retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(answer.retryAfterSeconds));
    response.send(answer.message);
  }
}
