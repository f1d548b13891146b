import { Module } from '@nestjs/common';
import { RepositoriesResolver } from './api/repositories.resolver';
import { RepositorySecrets } from './repository-secrets.service';

/** Repositories and credentials; manifest generation (the repo-server role) arrives with its issue. */
@Module({ providers: [RepositorySecrets, RepositoriesResolver], exports: [RepositorySecrets] })
export class RepoModule {}
