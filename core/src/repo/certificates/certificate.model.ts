import { Field, InputType, ObjectType } from '@nestjs/graphql';

@ObjectType('RepositoryCertificate', {
  description:
    'A TLS certificate (argocd-tls-certs-cm) or SSH known host key (argocd-ssh-known-hosts-cm) of a repository server; public material only',
})
export class RepositoryCertificateModel {
  @Field({ description: 'Repository server name (SSH: as in known_hosts, e.g. [host]:port)' })
  serverName!: string;

  @Field({ description: 'https or ssh' })
  certType!: string;

  @Field({ description: 'SSH: the key type (ssh-ed25519, …); TLS: the key algorithm (rsa, ecdsa, ed25519)' })
  certSubType!: string;

  @Field({ description: 'SSH: SHA256 fingerprint of the key; TLS: the certificate subject' })
  certInfo!: string;

  @Field(() => String, {
    nullable: true,
    description: 'SSH: the base64 public key; TLS: the PEM certificate. Only in answers to changes, as in Argo CD',
  })
  certData!: string | null;
}

@InputType({ description: 'A certificate to save, as `argocd cert add-tls` / `add-ssh` sends it' })
export class RepositoryCertificateInput {
  @Field({ description: 'Repository server name: a host name or IP (SSH also [host]:port)' })
  serverName!: string;

  @Field({ description: 'https or ssh' })
  certType!: string;

  @Field(() => String, { nullable: true, description: 'SSH: the key type, e.g. ssh-ed25519 (not used for https)' })
  certSubType?: string | null;

  @Field({ description: 'SSH: the base64 public key; https: one or more PEM certificates' })
  certData!: string;
}
