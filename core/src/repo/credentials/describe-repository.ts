// What may be shown of a repository — in the API, the CLI and logs: settings
// and which kinds of credentials it has, never a credential value.
import { redactUrlCredentials } from '../../logging/redaction';
import { secretFields, type RepositoryConfig } from './repository-config';

export interface RepositoryDescription {
  url: string;
  type: string;
  name: string | undefined;
  project: string | undefined;
  username: string | undefined;
  /** e.g. ["password", "sshPrivateKey"]: which secret fields are set, not their values. */
  secretsSet: string[];
  githubApp: boolean;
  insecure: boolean;
}

export function describeRepository(repository: RepositoryConfig): RepositoryDescription {
  return {
    url: redactUrlCredentials(repository.url),
    type: repository.type,
    name: repository.name,
    project: repository.project,
    username: repository.username,
    secretsSet: secretFields.filter((field) => repository[field] !== undefined),
    githubApp: repository.githubAppID !== undefined,
    insecure: repository.insecure === true,
  };
}
