import { Module } from '@nestjs/common';
import { ControlPlaneSecrets } from './api/control-plane-secrets.service';
import { RepositoriesResolver } from './api/repositories.resolver';
import { RepositoryMutationsResolver } from './api/repository-mutations.resolver';
import { RepositoryWrites } from './api/repository-writes.service';
import { CertificatesResolver } from './certificates/certificates.resolver';
import { RepositoryCertificates } from './certificates/certificates.service';
import { RepositorySecrets } from './repository-secrets.service';

/** Repositories and credentials; manifest generation (the repo-server role) arrives with its issue. */
@Module({
  providers: [
    RepositorySecrets,
    RepositoriesResolver,
    ControlPlaneSecrets,
    RepositoryWrites,
    RepositoryMutationsResolver,
    RepositoryCertificates,
    CertificatesResolver,
  ],
  exports: [RepositorySecrets],
})
export class RepoModule {}
