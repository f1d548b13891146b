export { githubRepo, planGithubCalls, type GithubCall, type GithubPlan } from './github-calls';
