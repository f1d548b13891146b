// Where `driftless cert` sends its requests: the server's certificate API
// (GraphQL) by default, or with --core (or --kubeconfig) the two ConfigMaps
// of the control-plane cluster directly with the caller's Kubernetes rights,
// under the same rules (core/src/repo/certificates).
import { type Command } from 'commander';
import {
  CertificateConfigMapConflict,
  CertificateConfigMaps,
  CertificateConfigMapRefused,
} from '../../../repo/certificates/certificate-config-maps';
import { CertificateInputProblem } from '../../../repo/certificates/certificate-problem';
import {
  type CertificateRequest,
  type CertificateSelector,
  type RepositoryCertificate,
} from '../../../repo/certificates/repository-certificate';
import { connectControlPlane } from '../../client/control-plane-access';
import { graphqlRequest } from '../../client/graphql-client';
import { CliError, ExitCode } from '../../exit-codes';
import { coreMode, type AppCommandOptions } from '../app/app-options';

/** The server flags, --core and the control-plane flags (withModeOptions of repo-write.commands.ts). */
export type CertModeOptions = AppCommandOptions;

export interface CertificateBackend {
  list(selector: CertificateSelector): Promise<RepositoryCertificate[]>;
  create(requests: CertificateRequest[], upsert: boolean): Promise<RepositoryCertificate[]>;
  remove(selector: CertificateSelector): Promise<RepositoryCertificate[]>;
}

const FIELDS = 'serverName certType certSubType certInfo certData';
const LIST = `query ($hostNamePattern: String, $certType: String, $certSubType: String) {
  repositoryCertificates(hostNamePattern: $hostNamePattern, certType: $certType, certSubType: $certSubType) { ${FIELDS} } }`;
const CREATE = `mutation ($certificates: [RepositoryCertificateInput!]!, $upsert: Boolean) {
  createRepositoryCertificates(certificates: $certificates, upsert: $upsert) { ${FIELDS} } }`;
const DELETE = `mutation ($hostNamePattern: String!, $certType: String, $certSubType: String) {
  deleteRepositoryCertificates(hostNamePattern: $hostNamePattern, certType: $certType, certSubType: $certSubType) { ${FIELDS} } }`;

const selectorVariables = (selector: CertificateSelector) => ({
  hostNamePattern: selector.hostNamePattern ?? null,
  certType: selector.certType ?? null,
  certSubType: selector.certSubType ?? null,
});

function serverBackend(options: CertModeOptions): CertificateBackend {
  const ask = async (field: string, query: string, variables: Record<string, unknown>) =>
    (await graphqlRequest<Record<string, RepositoryCertificate[]>>(options, query, variables))[field] ?? [];
  return {
    list: (selector) => ask('repositoryCertificates', LIST, selectorVariables(selector)),
    create: (certificates, upsert) =>
      ask('createRepositoryCertificates', CREATE, {
        certificates: certificates.map((request) => ({ ...request, certSubType: request.certSubType ?? null })),
        upsert,
      }),
    remove: (selector) => ask('deleteRepositoryCertificates', DELETE, selectorVariables(selector)),
  };
}

/** Direct mode's failures as the server's would reach the CLI: bad input exits 2, the rest 1. */
async function direct<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof CertificateInputProblem) throw new CliError(error.message, ExitCode.usage);
    if (error instanceof CertificateConfigMapConflict || error instanceof CertificateConfigMapRefused)
      throw new CliError(error.message);
    throw error;
  }
}

function coreBackend(options: CertModeOptions): CertificateBackend {
  const configMaps = new CertificateConfigMaps(connectControlPlane(options).kubeConfig, options.namespace);
  return {
    list: (selector) => direct(() => configMaps.list(selector)),
    create: (requests, upsert) => direct(() => configMaps.add(requests, upsert)),
    remove: (selector) => direct(() => configMaps.remove(selector)),
  };
}

/** The backend the command line chose; `command` is the one given to withModeOptions. */
export function certificateBackend(command: Command, options: CertModeOptions): CertificateBackend {
  return coreMode(command, options) ? coreBackend(options) : serverBackend(options);
}
