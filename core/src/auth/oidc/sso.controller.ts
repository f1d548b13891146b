import { Body, Controller, Get, HttpCode, Logger, Post, Req, Res } from '@nestjs/common';
import { type Request, type Response } from 'express';
import { clearedSessionCookie, tokenFromHeaders } from '../graphql/request-token';
import { SsoLoginError, SsoLoginService } from './sso-login.service';
import { SsoLogoutService } from './sso-logout.service';
import { PAGE_HEADERS, continuePage, errorPage, logoutFailedPage } from './sso-pages';

/** An id_token is a few kilobytes; anything much larger is not one. */
const MAX_ID_TOKEN_LENGTH = 64 * 1024;

/**
 * The SSO endpoints of the server role (Argo CD's paths where it has them):
 *
 * - `GET /auth/login?return_url=/path` → 303 to the identity provider
 * - `GET /auth/callback` → the session cookie, then on to return_url
 * - `GET /auth/sso/settings` → what `driftless login --sso` needs (public, as Argo CD's settings API)
 * - `POST /auth/sso/token` `{"idToken": …, "accessToken"?: …}` → a Driftless session for an id_token the CLI obtained
 * - `GET|POST /auth/logout` → revokes the session, 303 to oidc.config logoutURL or argocd-cm url
 *
 * Failures answer one clear line (HTML for the browser, JSON for the CLI);
 * local login is not involved and keeps working whatever happens here.
 */
@Controller()
export class SsoController {
  private readonly logger = new Logger('sso');

  constructor(
    private readonly logins: SsoLoginService,
    private readonly logouts: SsoLogoutService,
  ) {}

  @Get('/auth/login')
  async login(@Req() request: Request, @Res() response: Response): Promise<void> {
    const returnUrl = single(request.query['return_url']);
    try {
      const start = await this.logins.begin(returnUrl, isTls(request));
      response.setHeader('Cache-Control', 'no-store');
      response.setHeader('Referrer-Policy', 'no-referrer');
      response.append('Set-Cookie', start.cookie);
      response.redirect(303, start.location);
    } catch (error) {
      this.page(response, error);
    }
  }

  @Get('/auth/callback')
  async callback(@Req() request: Request, @Res() response: Response): Promise<void> {
    const url = request.originalUrl;
    const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
    try {
      const end = await this.logins.complete(query, request.headers.cookie, isTls(request));
      response.set(PAGE_HEADERS);
      for (const cookie of end.cookies) response.append('Set-Cookie', cookie);
      response.status(200).send(continuePage(end.returnPath));
    } catch (error) {
      this.page(response, error);
    }
  }

  @Get('/auth/sso/settings')
  async settings(@Res() response: Response): Promise<void> {
    try {
      const settings = await this.logins.publicSettings();
      response.setHeader('Cache-Control', 'no-store');
      response.status(200).json(settings);
    } catch (error) {
      this.json(response, error);
    }
  }

  @Post('/auth/sso/token')
  @HttpCode(200)
  async token(@Body() body: unknown, @Res() response: Response): Promise<void> {
    response.setHeader('Cache-Control', 'no-store');
    const { idToken, accessToken } = (body ?? {}) as { idToken?: unknown; accessToken?: unknown };
    if (typeof idToken !== 'string' || idToken === '' || idToken.length > MAX_ID_TOKEN_LENGTH) {
      response.status(400).json({ error: 'send {"idToken": "<id_token from the identity provider>"} as JSON' });
      return;
    }
    if (
      accessToken !== undefined &&
      (typeof accessToken !== 'string' || accessToken === '' || accessToken.length > MAX_ID_TOKEN_LENGTH)
    ) {
      response
        .status(400)
        .json({ error: 'accessToken, when sent, must be the access token from the identity provider' });
      return;
    }
    try {
      const { session, identity } = await this.logins.exchange(idToken, accessToken);
      response.status(200).json({
        token: session.token,
        expiresAt: session.claims.expiresAt ?? null,
        username: session.claims.account,
        email: identity.email ?? null,
        name: identity.name ?? null,
        groups: identity.groups,
      });
    } catch (error) {
      this.json(response, error);
    }
  }

  /** The browser's logout (Argo CD's /auth/logout): a GET link or a form POST both work. */
  @Get('/auth/logout')
  async logoutByLink(@Req() request: Request, @Res() response: Response): Promise<void> {
    await this.logout(request, response);
  }

  @Post('/auth/logout')
  async logoutByForm(@Req() request: Request, @Res() response: Response): Promise<void> {
    await this.logout(request, response);
  }

  private async logout(request: Request, response: Response): Promise<void> {
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('Referrer-Policy', 'no-referrer');
    try {
      const { location, secure } = await this.logouts.logout(tokenFromHeaders(request.headers), isTls(request));
      response.append('Set-Cookie', clearedSessionCookie(secure));
      // 303, as Argo CD: the next request is a GET whatever method logged out. The location may
      // carry the id_token (id_token_hint): it goes in this header only (no body repeating it).
      response.status(303).setHeader('Location', location);
      response.end();
    } catch (error) {
      this.logger.error(`logout failed: ${((error as Error).message ?? String(error)).split('\n')[0]}`);
      response.append('Set-Cookie', clearedSessionCookie(isTls(request)));
      response.set(PAGE_HEADERS);
      response.status(503).send(logoutFailedPage('the session could not be revoked (see the server log); try again'));
    }
  }

  private page(response: Response, error: unknown): void {
    const { status, message } = this.answer(error);
    response.set(PAGE_HEADERS);
    response.status(status).send(errorPage(message));
  }

  private json(response: Response, error: unknown): void {
    const { status, message } = this.answer(error);
    response.status(status).json({ error: message });
  }

  private answer(error: unknown): { status: number; message: string } {
    if (error instanceof SsoLoginError) return { status: error.status, message: error.message };
    // Unexpected: the detail goes to the log, the user gets a short line.
    this.logger.error(`SSO request failed: ${((error as Error).message ?? String(error)).split('\n')[0]}`);
    return { status: 500, message: 'SSO login failed on the server; see its log' };
  }
}

function single(value: unknown): string | undefined {
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : undefined;
  return typeof value === 'string' ? value : undefined;
}

function isTls(request: Request): boolean {
  return 'encrypted' in request.socket && request.socket.encrypted === true;
}
