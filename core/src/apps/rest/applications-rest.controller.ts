import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { type Request, type Response } from 'express';
import { ApiRateLimits, rateLimitSubject } from '../../api/hardening/api-rate-limits';
import { unauthenticated } from '../../auth/graphql/auth-errors';
import { tokenFromHeaders } from '../../auth/graphql/request-token';
import { type AuthContext } from '../../auth/principal';
import { SessionService } from '../../auth/session/session.service';
import { rateLimitedError } from '../../api/hardening/rate-limit.plugin';
import { VisibleApplications } from '../index/visible-applications.service';
import { ApplicationAccess } from '../mutations/application-access.service';
import { filterRows } from '../query/application-filter';
import { applicationJson } from './application-json';
import { toRestError } from './rest-errors';
import { restListQuery } from './rest-list-filter';

/**
 * The read calls of Argo CD's REST API that dashboards, badges and scripts use
 * (`GET /api/v1/applications`, `GET /api/v1/applications/{name}`), answered
 * from the same services as the GraphQL API: the same token (Bearer header or
 * `argocd.token` cookie), the same rate limits, RBAC per application, and a
 * missing application answered exactly like a forbidden one.
 */
@Controller('api/v1/applications')
export class ApplicationsRestController {
  constructor(
    private readonly sessions: SessionService,
    private readonly limits: ApiRateLimits,
    private readonly visible: VisibleApplications,
    private readonly access: ApplicationAccess,
  ) {}

  @Get()
  async list(@Req() request: Request, @Res() response: Response): Promise<void> {
    await this.answer(request, response, async (context) => {
      const { filter, matches } = restListQuery(request.query);
      const visible = await this.visible.forPrincipal(context.principal as NonNullable<AuthContext['principal']>);
      const items = filterRows(visible, filter, (entry) => entry.row)
        .filter((entry) => matches(entry.row, entry.application.metadata.namespace ?? ''))
        .map((entry) => applicationJson(entry.application));
      return { metadata: {}, items };
    });
  }

  @Get(':name')
  async get(@Param('name') name: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    await this.answer(request, response, async (context) => {
      const [appNamespace] = [request.query.appNamespace].flat().filter((value) => typeof value === 'string');
      const { app } = await this.access.authorize(context, 'get', {
        name,
        namespace: appNamespace === '' ? undefined : appNamespace,
      });
      return applicationJson(app);
    });
  }

  /** Authenticates, spends the caller's budget, and writes the JSON answer or the error. */
  private async answer(
    request: Request,
    response: Response,
    body: (context: AuthContext) => Promise<unknown>,
  ): Promise<void> {
    response.setHeader('Cache-Control', 'no-store');
    try {
      const token = tokenFromHeaders(request.headers);
      const principal = token === undefined ? undefined : await this.sessions.verify(token);
      const decision = await this.limits.consume(rateLimitSubject(principal, request.socket.remoteAddress));
      if (!decision.allowed) {
        response.setHeader('Retry-After', String(decision.retryAfterSeconds));
        throw rateLimitedError(decision.retryAfterSeconds);
      }
      if (principal === undefined) throw unauthenticated('no session information');
      const context: AuthContext = { principal, token, setCookie: undefined, secure: false };
      response.status(200).json(await body(context));
    } catch (error) {
      const { status, body: errorBody } = toRestError(error);
      response.status(status).json(errorBody);
    }
  }
}
