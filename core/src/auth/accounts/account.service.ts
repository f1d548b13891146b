import { Injectable } from '@nestjs/common';
import { hash } from 'bcryptjs';
import { SettingsConfigMaps } from '../../kube/settings-config-maps.service';
import { ArgocdSecretStore } from './argocd-secret.store';
import {
  type AccountToken,
  type LocalAccount,
  accountSecretKeys,
  parseAccounts,
  parseTokens,
  sessionDurationMs,
} from './local-accounts';

/** Argo CD's bcrypt cost (golang.org/x/crypto/bcrypt DefaultCost). */
export const BCRYPT_COST = 10;

/** The local accounts as argocd-cm and argocd-secret describe them, and the writes that change them. */
@Injectable()
export class AccountService {
  constructor(
    private readonly settings: SettingsConfigMaps,
    private readonly secret: ArgocdSecretStore,
  ) {}

  async accounts(): Promise<Map<string, LocalAccount>> {
    const [configMap, secret] = await Promise.all([this.settings.data('argocd-cm'), this.secret.values()]);
    return parseAccounts(configMap, secret);
  }

  async account(name: string): Promise<LocalAccount | undefined> {
    return (await this.accounts()).get(name);
  }

  async sessionDurationMs(): Promise<number> {
    return sessionDurationMs(await this.settings.data('argocd-cm'));
  }

  /** Stores a new bcrypt hash and the change time; tokens issued before it stop working. */
  async setPassword(name: string, password: string): Promise<void> {
    const keys = accountSecretKeys(name);
    // Go writes "$2a$" (same algorithm as bcryptjs's "$2b$"), so Argo CD reads what we write and the reverse.
    const passwordHash = (await hash(password, BCRYPT_COST)).replace(/^\$2b\$/, '$2a$');
    await this.secret.update({ [keys.password]: passwordHash, [keys.passwordMtime]: new Date().toISOString() });
  }

  async addToken(name: string, token: AccountToken): Promise<void> {
    await this.writeTokens(name, (tokens) => [...tokens, token]);
  }

  /** Removes a token; false when the account had none with that id. */
  async removeToken(name: string, id: string): Promise<boolean> {
    let found = false;
    await this.writeTokens(name, (tokens) => {
      found = tokens.some((token) => token.id === id);
      return tokens.filter((token) => token.id !== id);
    });
    return found;
  }

  private async writeTokens(name: string, change: (tokens: AccountToken[]) => AccountToken[]): Promise<void> {
    const key = accountSecretKeys(name).tokens;
    const current = parseTokens((await this.secret.read('argocd-secret'))[key]);
    await this.secret.update({ [key]: JSON.stringify(change(current)) });
  }
}
