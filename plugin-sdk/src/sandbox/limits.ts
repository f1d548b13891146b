// Per-plugin limits: what a manifest asks for, capped by the kernel's maxima.
import { type RequestedLimits } from '../manifest/manifest';

export interface SandboxLimits {
  memoryMb: number;
  cpuMsPerCall: number;
  wallMsPerCall: number;
  /** Largest JSON a call may return. */
  maxOutputBytes: number;
  /** Largest JSON input the kernel may hand to one call. */
  maxInputBytes: number;
  /** Most host API calls one plugin call may make. */
  maxHostCallsPerCall: number;
}

export const defaultLimits: SandboxLimits = {
  memoryMb: 64,
  cpuMsPerCall: 1_000,
  wallMsPerCall: 10_000,
  maxOutputBytes: 16 * 1024 * 1024,
  maxInputBytes: 64 * 1024 * 1024,
  maxHostCallsPerCall: 1_000,
};

export const defaultMaxima: SandboxLimits = {
  memoryMb: 256,
  cpuMsPerCall: 10_000,
  wallMsPerCall: 120_000,
  maxOutputBytes: 64 * 1024 * 1024,
  maxInputBytes: 256 * 1024 * 1024,
  maxHostCallsPerCall: 10_000,
};

/** The limits a plugin runs with: its request where given, else the default, never above the maxima. */
export function effectiveLimits(
  requested: RequestedLimits | undefined,
  maxima: SandboxLimits = defaultMaxima,
  defaults: SandboxLimits = defaultLimits,
): SandboxLimits {
  const pick = (key: keyof SandboxLimits): number =>
    Math.min((requested as Partial<SandboxLimits> | undefined)?.[key] ?? defaults[key], maxima[key]);
  return {
    memoryMb: pick('memoryMb'),
    cpuMsPerCall: pick('cpuMsPerCall'),
    wallMsPerCall: pick('wallMsPerCall'),
    maxOutputBytes: pick('maxOutputBytes'),
    maxInputBytes: pick('maxInputBytes'),
    maxHostCallsPerCall: pick('maxHostCallsPerCall'),
  };
}
