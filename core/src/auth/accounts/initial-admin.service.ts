import { randomBytes, randomInt } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AccountService } from './account.service';
import { ArgocdSecretStore } from './argocd-secret.store';
import { ADMIN_ACCOUNT } from './local-accounts';

export const INITIAL_ADMIN_SECRET = 'argocd-initial-admin-secret';
export const SERVER_SECRET_KEY = 'server.secretkey';

const PASSWORD_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A password from the CSPRNG (16 characters of 62: ~95 bits), as Argo CD generates the initial one. */
export function randomPassword(length = 16): string {
  let password = '';
  for (let index = 0; index < length; index += 1) password += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
  return password;
}

/**
 * What Argo CD's server does at start: a signing key when argocd-secret has
 * none, and — when the admin account has no password yet — a random one,
 * shown to the operator only through the `argocd-initial-admin-secret` Secret.
 */
@Injectable()
export class InitialAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger('auth');

  constructor(
    private readonly secret: ArgocdSecretStore,
    private readonly accounts: AccountService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const values = await this.secret.read('argocd-secret');
    if (!values[SERVER_SECRET_KEY])
      await this.secret.update({ [SERVER_SECRET_KEY]: randomBytes(32).toString('base64') });
    if (values['admin.password']) return;
    // Create the Secret first: if another replica did, or an earlier start stopped half-way, use its password.
    let password = randomPassword();
    if (!(await this.secret.create(INITIAL_ADMIN_SECRET, { password }))) {
      const existing = (await this.secret.read(INITIAL_ADMIN_SECRET))['password'];
      if (existing) password = existing;
    }
    await this.accounts.setPassword(ADMIN_ACCOUNT, password);
    this.logger.log(`initial admin password stored in Secret ${INITIAL_ADMIN_SECRET}`);
  }
}
