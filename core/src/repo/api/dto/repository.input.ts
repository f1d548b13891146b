import { Field, InputType } from '@nestjs/graphql';

/**
 * A repository or credential template as `argocd repo add` / `repocreds add`
 * sends it. Secret values go in and never come out (the answer carries only
 * which kinds are set). Project, name, LFS and insecure apply to repositories.
 */
@InputType({ description: 'A repository or credential template to save (credential values are write-only)' })
export class RepositoryInput {
  @Field({ description: 'Repository URL, or for a template the URL prefix it applies to' })
  url!: string;

  @Field(() => String, { nullable: true, description: 'git (default), helm or oci' })
  type?: string | null;

  @Field(() => String, { nullable: true, description: 'A name (Helm repositories need one)' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Restrict the repository to this project' })
  project?: string | null;

  @Field(() => String, { nullable: true })
  username?: string | null;

  @Field(() => String, { nullable: true, description: 'Write-only' })
  password?: string | null;

  @Field(() => String, { nullable: true, description: 'Write-only' })
  bearerToken?: string | null;

  @Field(() => String, { nullable: true, description: 'PEM; write-only' })
  sshPrivateKey?: string | null;

  @Field(() => String, { nullable: true, description: 'PEM client certificate' })
  tlsClientCertData?: string | null;

  @Field(() => String, { nullable: true, description: 'PEM; write-only' })
  tlsClientCertKey?: string | null;

  @Field(() => String, { nullable: true })
  githubAppID?: string | null;

  @Field(() => String, { nullable: true })
  githubAppInstallationID?: string | null;

  @Field(() => String, { nullable: true, description: 'PEM; write-only' })
  githubAppPrivateKey?: string | null;

  @Field(() => String, { nullable: true })
  githubAppEnterpriseBaseUrl?: string | null;

  @Field(() => String, { nullable: true })
  proxy?: string | null;

  @Field(() => String, { nullable: true })
  noProxy?: string | null;

  @Field({ nullable: true, description: 'Skip TLS verification and SSH host key checks' })
  insecure?: boolean;

  @Field({ nullable: true })
  enableLfs?: boolean;

  @Field({ nullable: true, description: 'The Helm repository is an OCI registry' })
  enableOCI?: boolean;

  @Field({ nullable: true })
  forceHttpBasicAuth?: boolean;
}
