import { Inject, Injectable, Logger } from '@nestjs/common';
import { compare, hashSync } from 'bcryptjs';
import { KERNEL_CONFIG } from '../../config/config.module';
import { type KernelConfig } from '../../config/config.schema';
import { AccountService, BCRYPT_COST } from '../accounts/account.service';
import { type IssuedSession, SessionService } from '../session/session.service';
import { LoginFailuresStore } from './login-failures.store';
import { MAX_USERNAME_LENGTH, loginLocked, remainingDelayMs } from './login-throttle';

/** The one answer for every refused login: unknown user, wrong password, locked, disabled (BI-RBAC-5, row 5). */
export const INVALID_LOGIN_MESSAGE = 'Invalid username or password';

export class LoginRefusedError extends Error {
  constructor() {
    super(INVALID_LOGIN_MESSAGE);
    this.name = 'LoginRefusedError';
  }
}

/** Redis did not answer: without failure counters a login is refused (fail closed). */
export class LoginUnavailableError extends Error {
  constructor(message = 'login is unavailable right now; try again shortly') {
    super(message);
    this.name = 'LoginUnavailableError';
  }
}

/**
 * Logins verified at once by one server (Argo CD's ARGOCD_MAX_CONCURRENT_LOGIN_REQUESTS_COUNT default):
 * each costs a bcrypt round, so a flood must not take the whole CPU (security.md BI-DOS-5).
 */
export const MAX_CONCURRENT_LOGINS = 50;

/** Username and password login for local accounts, rate limited as Argo CD's. */
@Injectable()
export class LoginService {
  private readonly logger = new Logger('auth');
  /** Compared against when the account is unknown, so that answer costs one bcrypt like a wrong password. */
  private dummyHash: string | undefined;
  private inFlight = 0;

  constructor(
    @Inject(KERNEL_CONFIG) private readonly config: KernelConfig,
    private readonly accounts: AccountService,
    private readonly failures: LoginFailuresStore,
    private readonly sessions: SessionService,
  ) {}

  async login(username: string, password: string): Promise<IssuedSession> {
    if (this.inFlight >= MAX_CONCURRENT_LOGINS)
      throw new LoginUnavailableError('too many login requests at once; try again shortly');
    const started = Date.now();
    const policy = this.config.auth.login;
    this.inFlight += 1;
    try {
      const account = await this.checkPassword(username, password);
      const duration = await this.accounts.sessionDurationMs();
      return await this.sessions.issue(account, 'login', duration);
    } catch (error) {
      await sleep(remainingDelayMs(Date.now() - started, policy, Math.random()));
      throw error;
    } finally {
      this.inFlight -= 1;
    }
  }

  /** The account name when the password is right and the account may log in; throws otherwise. */
  private async checkPassword(username: string, password: string): Promise<string> {
    const policy = this.config.auth.login;
    if (username === '' || password === '' || username.length > MAX_USERNAME_LENGTH) {
      await this.compareDummy(password);
      throw new LoginRefusedError();
    }
    let failures: number;
    try {
      failures = await this.failures.failures(username);
    } catch {
      throw new LoginUnavailableError();
    }
    if (loginLocked(failures, policy)) {
      this.logger.warn(`login refused: too many failed attempts for one account within ${policy.windowSeconds}s`);
      await this.compareDummy(password);
      throw new LoginRefusedError();
    }
    const account = await this.accounts.account(username);
    const valid =
      account !== undefined && account.passwordHash !== ''
        ? await compare(password, account.passwordHash)
        : await this.compareDummy(password);
    if (!valid || account === undefined) {
      await this.failures.recordFailure(username, policy.windowSeconds).catch(() => undefined);
      throw new LoginRefusedError();
    }
    if (!account.enabled || !account.capabilities.includes('login')) throw new LoginRefusedError();
    await this.failures.reset(username).catch(() => undefined);
    return account.name;
  }

  private async compareDummy(password: string): Promise<false> {
    this.dummyHash ??= hashSync('driftless-no-such-account', BCRYPT_COST);
    await compare(password, this.dummyHash);
    return false;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
