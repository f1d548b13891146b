// Real git servers and fixtures for the Git transport tests.
export { makeTestCertificates, type TestCertificates } from '../certificates';
export { makeGitHubApp, startFakeGitHubApi, type FakeGitHubApi, type GitHubApp } from './github-api';
export { startBannerServer, startSilentServer, startTricklingServer, type TcpServer } from './hostile-servers';
export { startGitHttpServer, type GitHttpServer, type GitHttpServerOptions } from './http-server';
export { makeRepo, TestRepo, type CommitOptions, type FileContent } from './make-repo';
export { generateSshKeyPair, startGitSshServer, type GitSshServer, type SshKeyPair } from './ssh-server';
