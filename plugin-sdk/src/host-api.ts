// The host API a plugin receives as its second argument. Every function is
// async and checked against the capabilities the plugin's manifest requested
// and an admin granted; a call outside them fails with PLUGIN_CAPABILITY_DENIED.

export interface HttpRequest {
  url: string;
  method?: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The URL that answered, after redirects. */
  url: string;
}

export interface ExecRequest {
  /** A bare binary name from the granted list, e.g. `helm` (no paths). */
  binary: string;
  args?: string[];
  stdin?: string;
  timeoutMs?: number;
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface WorkspaceEntry {
  name: string;
  type: 'file' | 'directory';
}

export type LogFields = Record<string, string | number | boolean | null>;

export interface HostApi {
  http: { fetch(request: HttpRequest): Promise<HttpResponse> };
  exec: { run(request: ExecRequest): Promise<ExecResult> };
  /** Read-only view of the checked-out source of this call; paths are relative to its root. */
  workspace: { readFile(path: string): Promise<string>; list(path: string): Promise<WorkspaceEntry[]> };
  /** Only the secrets the kernel resolved for this call. */
  secrets: { get(name: string): Promise<string> };
  log: {
    info(message: string, fields?: LogFields): Promise<void>;
    warn(message: string, fields?: LogFields): Promise<void>;
    error(message: string, fields?: LogFields): Promise<void>;
  };
}

export type CapabilityName = 'http' | 'exec' | 'workspace' | 'secrets';
