// Routes a plugin's host API calls to the capability implementations, checked
// against the grants of the plugin and the context of the call in progress.
// A host call made when no call is in progress (a promise left running after
// its call ended) is refused.
import { PluginError } from '../errors';
import { chmod, copyFile, lstat, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { defaultExecLimits, execRun, type ExecLimits, type ExecWorkspace } from './capabilities/exec';
import { defaultHttpLimits, httpFetch, type HttpLimits } from './capabilities/http';
import { cryptoSign } from './capabilities/crypto';
import { CallLog } from './capabilities/log';
import { defaultSmtpLimits, smtpSend, type SmtpLimits } from './capabilities/smtp';
import { secretGet } from './capabilities/secrets';
import {
  workspaceExists,
  workspaceList,
  workspaceReadFile,
  workspaceReadFiles,
  workspaceWalk,
  type WorkspaceRoots,
} from './capabilities/workspace';
import { checkedPath, WorkspaceCopy } from './capabilities/workspace-copy';
import { denied } from './capabilities/denied';
import { type CallContext, type LoadSpec } from './runner-protocol';

export interface CallSession {
  spec: LoadSpec;
  context: CallContext;
  log: CallLog;
  hostCalls: number;
  deadline: number;
  /** The private copy of the workspace exec runs in, made on first use, removed at the end of the call. */
  workspaceCopy?: Promise<string> | undefined;
  workspaceFiles?: WorkspaceCopy | undefined;
}

export interface HostLimits {
  http: HttpLimits;
  smtp: SmtpLimits;
  exec: ExecLimits;
}

export function defaultHostLimits(): HostLimits {
  return { http: defaultHttpLimits, smtp: defaultSmtpLimits, exec: defaultExecLimits() };
}

export class HostCallRouter {
  private session: CallSession | undefined;

  constructor(private readonly limits: HostLimits = defaultHostLimits()) {}

  begin(spec: LoadSpec, context: CallContext): CallSession {
    this.session = {
      spec,
      context,
      log: new CallLog(Object.values(context.secrets ?? {})),
      hostCalls: 0,
      deadline: Date.now() + spec.limits.wallMsPerCall,
    };
    return this.session;
  }

  end(session: CallSession): void {
    if (this.session === session) this.session = undefined;
    const copy = session.workspaceCopy;
    if (copy) {
      session.workspaceCopy = undefined;
      void copy.then(
        (dir) => rm(join(dir, '..'), { recursive: true, force: true }),
        () => undefined,
      );
    }
  }

  /** Runs one host call; resolves to JSON text (or undefined), rejects with a coded message. */
  async handle(capability: unknown, operation: unknown, argsJson: unknown): Promise<string | undefined> {
    const session = this.session;
    try {
      if (!session)
        throw new PluginError('PLUGIN_CAPABILITY_DENIED', 'host calls are only allowed while a call is in progress');
      session.hostCalls += 1;
      if (session.hostCalls > session.spec.limits.maxHostCallsPerCall) {
        throw new PluginError(
          'PLUGIN_LIMIT_EXCEEDED',
          `more than ${session.spec.limits.maxHostCallsPerCall} host calls in one call`,
        );
      }
      if (typeof argsJson !== 'string') throw new PluginError('PLUGIN_CAPABILITY_DENIED', 'malformed host call');
      const args = JSON.parse(argsJson) as Record<string, unknown> | null;
      const result = await this.route(session, `${String(capability)}.${String(operation)}`, args ?? {});
      return result === undefined ? undefined : JSON.stringify(result);
    } catch (error) {
      // Only the message crosses into the isolate; its code prefix survives.
      if (error instanceof PluginError) throw new Error(error.message);
      throw new Error(`PLUGIN_CALL_FAILED: host.${String(capability)}.${String(operation)} failed`);
    }
  }

  private async route(session: CallSession, name: string, args: Record<string, unknown>): Promise<unknown> {
    const { grants } = session.spec;
    const remainingMs = Math.max(1, session.deadline - Date.now());
    const roots: WorkspaceRoots = { root: session.context.workspaceDir, refs: session.context.workspaceRefs };
    const workspaceGranted = (): void => {
      if (!grants.workspace)
        throw new PluginError('PLUGIN_CAPABILITY_DENIED', 'workspace is not granted to this plugin');
    };
    switch (name) {
      case 'log.write':
        session.log.write(args.level, args.message, args.fields);
        return undefined;
      case 'http.fetch':
        return httpFetch(args as never, grants.http, {
          ...this.limits.http,
          timeoutMs: Math.min(this.limits.http.timeoutMs, remainingMs),
        });
      case 'smtp.send':
        return smtpSend(args as never, grants.smtp, {
          ...this.limits.smtp,
          timeoutMs: Math.min(this.limits.smtp.timeoutMs, remainingMs),
        });
      case 'crypto.sign':
        return cryptoSign(args as never, grants.crypto);
      case 'exec.run':
        return execRun(
          args as never,
          grants.exec,
          { ...this.limits.exec, timeoutMs: Math.min(this.limits.exec.timeoutMs, remainingMs) },
          grants.workspace && session.context.workspaceDir ? this.workspaceCopyOf(session) : undefined,
        );
      case 'workspace.readFile':
        workspaceGranted();
        return workspaceReadFile(roots, args.path);
      case 'workspace.readFiles':
        workspaceGranted();
        return workspaceReadFiles(roots, args.paths);
      case 'workspace.list':
        workspaceGranted();
        return workspaceList(roots, args.path);
      case 'workspace.walk':
        workspaceGranted();
        return workspaceWalk(roots, args.path, args.options ?? {});
      case 'workspace.exists':
        workspaceGranted();
        return workspaceExists(roots, args.path);
      case 'secrets.get':
        return secretGet(args.name, grants.secrets, session.context.secrets ?? {});
      default:
        throw new PluginError('PLUGIN_CAPABILITY_DENIED', `there is no host function ${name}`);
    }
  }

  private workspaceCopyOf(session: CallSession): ExecWorkspace {
    const source = session.context.workspaceDir as string;
    return {
      copy: (paths) => {
        // One copy per call, grown by each exec's paths, one addition at a time.
        const previous =
          session.workspaceCopy ??
          mkdtemp(join(tmpdir(), 'driftless-ws-copy-')).then(async (scratch) => {
            const root = join(scratch, 'workspace');
            session.workspaceFiles = new WorkspaceCopy(source, root);
            // What the kernel fetched for this call (a renderer's needs) goes in first, where it asked.
            for (const [into, from] of Object.entries(session.context.overlays ?? {})) {
              const path = checkedPath(into);
              if (path === '') throw denied('an overlay cannot replace the whole workspace');
              await overlay(from, join(root, path));
            }
            return root;
          });
        const next = previous.then(async (root) => {
          await (session.workspaceFiles as WorkspaceCopy).add(paths);
          return root;
        });
        // A failed addition fails this exec; the copy (and its removal at the end of the call) stays.
        session.workspaceCopy = next.catch(() => previous);
        return next;
      },
    };
  }
}

/** A folder (copied as a workspace is, links checked) or a single file, put at `target`. */
async function overlay(from: string, target: string): Promise<void> {
  if ((await lstat(from)).isFile()) {
    await mkdir(dirname(target), { recursive: true, mode: 0o755 });
    await copyFile(from, target);
    await chmod(target, 0o644);
    return;
  }
  await new WorkspaceCopy(from, target).add();
}
