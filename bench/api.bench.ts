// The GraphQL application list at scale (scenario S8 of the performance
// brief), through the real path: kube-sim (a child process) holds N
// Applications with status; a server-role kernel (another child, so its
// memory is its own) serves /api/graphql; this process is the client, over
// loopback, logged in as admin (sees all N) or as `viewer` (one project of ten).
// - S8a: the first page of 100 with totalCount and the status facets;
// - S8b: the whole summary list, in pages of 1,000 (the API's largest page):
//   time for all pages, bytes over the wire;
// - S8c: 50 users paging concurrently (pages of 100, each user its own cursor).
// N is BENCH_API_APPS (default 1,000); the brief's figures use 10,000.
// BENCH_CPU_PROFILE_DIR writes the server's CPU profile there.
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { percentile, round, type BenchmarkResult } from './benchmark';
import { type Child, cpuSecondsOf, kernelEnv, memoryOf, sourceChild } from './support/bench-processes';

const apps = Number(process.env.BENCH_API_APPS ?? 1_000);
const API_NAMESPACE = 'bench-api';
const PASSWORD = 'bench-password-1';

const pageQuery = `query ($first: Int!, $after: String, $filter: ApplicationFilterInput) {
  applications(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { name namespace project syncStatus healthStatus autoSync destination { server namespace } sources { repoURL path targetRevision } } }
  }
}`;
const facetQuery = `query {
  applications(first: 100) {
    totalCount
    facets { syncStatus { value count } healthStatus { value count } project { value count } }
    edges { node { name namespace project syncStatus healthStatus autoSync destination { server namespace } } }
  }
}`;

interface Page {
  applications: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

// undici's request rather than fetch: the load generator shares the machine's two cores with the server,
// and fetch spends about three times the CPU per request (WHATWG streams and headers).
const client = new Agent({ connections: 64, pipelining: 1 });

async function post<T>(
  url: string,
  token: string | undefined,
  query: string,
  variables: object = {},
): Promise<{ data: T; bytes: number }> {
  const response = await request(`${url}/api/graphql`, {
    dispatcher: client,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.body.text();
  const body = JSON.parse(text) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length || !body.data)
    throw new Error(`GraphQL: ${body.errors?.[0]?.message ?? response.statusCode}`);
  return { data: body.data, bytes: Buffer.byteLength(text) };
}

async function login(url: string, username: string): Promise<string> {
  const { data } = await post<{ login: { token: string } }>(
    url,
    undefined,
    'mutation ($username: String!, $password: String!) { login(username: $username, password: $password) { token } }',
    { username, password: PASSWORD },
  );
  return data.login.token;
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

async function latencies(runs: number, work: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let run = 0; run < runs; run += 1) samples.push((await timed(work)).ms);
  return samples.sort((a, b) => a - b);
}

export default async function apiBenchmark(): Promise<BenchmarkResult[]> {
  const root = join(tmpdir(), `driftless-bench-api-${apps}`);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const kubeconfig = join(root, 'kubeconfig');
  const sim = sourceChild('api-sim-process.ts', { apps, kubeconfig });
  let server: Child | undefined;
  try {
    await sim.next('ready');
    const profileDir = process.env.BENCH_CPU_PROFILE_DIR;
    server = sourceChild(
      'kernel-process.ts',
      {
        kubeconfig,
        // The 50 simulated users share the admin's token: a budget far above what they ask for keeps the
        // rate limiter's Redis round trip in every measured request without refusing any.
        env: kernelEnv(API_NAMESPACE, join(root, 'cache'), { DRIFTLESS_API_RATE_LIMIT: '1000000' }),
        roles: ['server'],
      },
      profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--cpu-prof-name=api-server.cpuprofile'] : [],
    );
    const { url } = await server.next<{ url: string }>('ready');
    const admin = await login(url, 'admin');
    const viewer = await login(url, 'viewer');

    // First request: the index lists every Application from the API server.
    const cold = await timed(() => post<Page>(url, admin, facetQuery));
    if (cold.value.data.applications.totalCount !== apps) throw new Error('the index does not hold every app');
    // Warm the JIT before measuring.
    await latencies(30, () => post(url, admin, facetQuery));

    const firstPage = await latencies(200, () => post(url, admin, facetQuery));
    const viewerPage = await latencies(200, () => post(url, viewer, facetQuery));

    const fullList = async () => {
      let after: string | null = null;
      let bytes = 0;
      let total = 0;
      for (;;) {
        const { data, bytes: pageBytes }: { data: Page; bytes: number } = await post<Page>(url, admin, pageQuery, {
          first: 1000,
          after,
        });
        bytes += pageBytes;
        total = data.applications.totalCount;
        if (!data.applications.pageInfo.hasNextPage) break;
        after = data.applications.pageInfo.endCursor;
      }
      return { bytes, total };
    };
    const fullRuns: number[] = [];
    let fullBytes = 0;
    for (let run = 0; run < 10; run += 1) {
      const { ms, value } = await timed(fullList);
      fullRuns.push(ms);
      fullBytes = value.bytes;
    }
    fullRuns.sort((a, b) => a - b);

    // 50 users, each paging through the list 100 at a time, for 10 s.
    const users = 50;
    const serverPid = server.process.pid ?? 0;
    const serverCpuBefore = cpuSecondsOf(serverPid);
    const clientCpuBefore = process.cpuUsage();
    const deadline = performance.now() + 10_000;
    let pages = 0;
    const userLatencies: number[] = [];
    await Promise.all(
      Array.from({ length: users }, async () => {
        let after: string | null = null;
        while (performance.now() < deadline) {
          const { ms, value } = await timed(() => post<Page>(url, admin, pageQuery, { first: 100, after }));
          userLatencies.push(ms);
          pages += 1;
          after = value.data.applications.pageInfo.hasNextPage ? value.data.applications.pageInfo.endCursor : null;
        }
      }),
    );
    const serverCpuPerPage = (cpuSecondsOf(serverPid) - serverCpuBefore) / pages;
    const clientCpu = process.cpuUsage(clientCpuBefore);
    const clientCpuPerPage = (clientCpu.user + clientCpu.system) / 1e6 / pages;
    userLatencies.sort((a, b) => a - b);
    const serverMemory = memoryOf(server.process.pid ?? 0);

    return [
      { name: `S8 first list (index built from the API), ${apps} apps`, value: round(cold.ms, 0), unit: 'ms' },
      {
        name: 'S8a first page of 100 + total + facets, admin, p50',
        value: round(percentile(firstPage, 0.5), 1),
        unit: 'ms',
      },
      {
        name: 'S8a … p99',
        value: round(percentile(firstPage, 0.99), 1),
        unit: 'ms',
        goal: apps >= 10_000 ? '≤ 50 ms' : '≤ 50 ms at 10k',
      },
      {
        name: `S8a … as viewer (sees ${Math.round(apps / 10)}), p50 / p99`,
        value: `${round(percentile(viewerPage, 0.5), 1)} / ${round(percentile(viewerPage, 0.99), 1)}`,
        unit: 'ms',
      },
      {
        name: `S8b whole list (${Math.ceil(apps / 1000)} pages of 1,000), p50`,
        value: round(percentile(fullRuns, 0.5), 0),
        unit: 'ms',
        goal: '≤ 300 ms at 10k',
      },
      { name: 'S8b … bytes', value: round(fullBytes / 2 ** 20, 2), unit: 'MiB', goal: '≤ 6 MB at 10k' },
      {
        name: 'S8c 50 users paging by 100',
        value: round(pages / 10, 0),
        unit: 'pages/s',
        goal: '≥ 1,000',
      },
      {
        name: 'S8c … page latency p50 / p99',
        value: `${round(percentile(userLatencies, 0.5), 1)} / ${round(percentile(userLatencies, 0.99), 1)}`,
        unit: 'ms',
      },
      {
        // Pages/s also depends on how much of the two cores the client itself takes; this does not.
        name: 'S8c … server CPU per page',
        value: round(serverCpuPerPage * 1e6, 0),
        unit: 'µs',
      },
      { name: 'S8c … client CPU per page (this process)', value: round(clientCpuPerPage * 1e6, 0), unit: 'µs' },
      { name: 'server RSS after the runs', value: round(serverMemory.rss / 2 ** 20, 0), unit: 'MiB' },
    ];
  } finally {
    await Promise.all([server?.stop(), sim.stop(), client.close()]);
    rmSync(root, { recursive: true, force: true });
  }
}
