// Argo CD's certificate API as GraphQL: list without certificate data, create
// and delete answering with the (public) certificates they changed.
import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { principalOf } from '../../auth/graphql/auth-errors';
import { type AuthContext } from '../../auth/principal';
import { certificateRequest } from './certificate-errors';
import { RepositoryCertificateInput, RepositoryCertificateModel } from './certificate.model';
import { RepositoryCertificates } from './certificates.service';
import { type RepositoryCertificate } from './repository-certificate';

const optional = (description: string) => ({ type: () => String, nullable: true, description }) as const;
const patternArg = optional('Shell glob over server names (* ? [...]); empty: all');
const typeArg = optional('https or ssh; empty: both');
const subTypeArg = optional('Key type (ssh-ed25519, …) or TLS key algorithm (rsa, ecdsa, …); empty: all');

/** The allow-listed fields: nothing else of a stored entry reaches a client. */
const toModel = (certificate: RepositoryCertificate): RepositoryCertificateModel => ({
  serverName: certificate.serverName,
  certType: certificate.certType,
  certSubType: certificate.certSubType,
  certInfo: certificate.certInfo,
  certData: certificate.certData,
});

const selectorOf = (hostNamePattern: string | null, certType: string | null, certSubType: string | null) => ({
  hostNamePattern: hostNamePattern ?? undefined,
  certType: certType ?? undefined,
  certSubType: certSubType ?? undefined,
});

@Resolver(() => RepositoryCertificateModel)
export class CertificatesResolver {
  constructor(private readonly certificates: RepositoryCertificates) {}

  @Query(() => [RepositoryCertificateModel], {
    description: 'Repository TLS certificates and SSH known host keys, without their data (certificates, get)',
  })
  repositoryCertificates(
    @Args('hostNamePattern', patternArg) hostNamePattern: string | null,
    @Args('certType', typeArg) certType: string | null,
    @Args('certSubType', subTypeArg) certSubType: string | null,
    @Context() context: AuthContext,
  ): Promise<RepositoryCertificateModel[]> {
    return certificateRequest(async () =>
      (await this.certificates.list(principalOf(context), selectorOf(hostNamePattern, certType, certSubType))).map(
        toModel,
      ),
    );
  }

  @Mutation(() => [RepositoryCertificateModel], {
    description:
      'Saves TLS certificates and SSH known host keys; answers with those added or replaced (certificates, create)',
  })
  createRepositoryCertificates(
    @Args('certificates', { type: () => [RepositoryCertificateInput] }) certificates: RepositoryCertificateInput[],
    @Args('upsert', { defaultValue: false, description: 'Replace an existing one with different data' })
    upsert: boolean,
    @Context() context: AuthContext,
  ): Promise<RepositoryCertificateModel[]> {
    return certificateRequest(async () =>
      (
        await this.certificates.create(
          principalOf(context),
          certificates.map((input) => ({
            serverName: input.serverName,
            certType: input.certType,
            certSubType: input.certSubType ?? undefined,
            certData: input.certData,
          })),
          upsert,
        )
      ).map(toModel),
    );
  }

  @Mutation(() => [RepositoryCertificateModel], {
    description:
      'Removes the certificates and known host keys matching the pattern; answers with them (certificates, delete)',
  })
  deleteRepositoryCertificates(
    @Args('hostNamePattern', { description: 'Shell glob over server names (* ? [...])' }) hostNamePattern: string,
    @Args('certType', typeArg) certType: string | null,
    @Args('certSubType', subTypeArg) certSubType: string | null,
    @Context() context: AuthContext,
  ): Promise<RepositoryCertificateModel[]> {
    return certificateRequest(async () =>
      (await this.certificates.delete(principalOf(context), selectorOf(hostNamePattern, certType, certSubType))).map(
        toModel,
      ),
    );
  }
}
