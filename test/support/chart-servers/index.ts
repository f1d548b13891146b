export { helm, helmEnvironment, indexRepository, packageChart, packageStarterChart } from './build-chart';
export { makeTestCertificates, type TestCertificates } from '../certificates';
export { startHelmRepoServer, type HelmRepoServer, type HelmRepoServerOptions } from './helm-repo-server';
export {
  chartYaml,
  gzipBomb,
  manyFiles,
  paxPath,
  tarEntry,
  tarGz,
  tarHeader,
  type TarItem,
} from './malicious-archives';
export { dockerRegistryBinary, startOciRegistry, type OciRegistry } from './oci-registry';
export { startTokenAuthProxy, type TokenAuthProxy } from './token-auth-proxy';
export { startForwardProxy, type ForwardProxy } from './forward-proxy';
