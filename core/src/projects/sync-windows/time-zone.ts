// A window's timeZone as Argo CD reads it: empty means UTC, and a name Go's time.LoadLocation
// does not know falls back to UTC (Argo CD only logs a warning). The fallback keeps evaluation
// going; `problem` lets validation tell the user.

export interface TimeZoneResolution {
  /** The IANA zone the schedule is evaluated in. */
  zone: string;
  /** Why the name was not usable, when it was not. */
  problem?: string;
}

const UTC = 'UTC';

export function resolveTimeZone(name: string | undefined): TimeZoneResolution {
  // Go's "Local" is the process's zone; the controller runs in a container set to UTC.
  if (name === undefined || name === '' || name === UTC || name === 'Local') return { zone: UTC };
  // Intl also takes UTC offsets ("+01:00"), which LoadLocation does not.
  if (/^[+-]?\d/.test(name)) return { zone: UTC, problem: 'a UTC offset is not a time zone name' };
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return { zone: UTC, problem: 'unknown time zone' };
  }
  // Intl ignores case; LoadLocation reads a file named exactly like the zone.
  if (resolved !== name && resolved.toLowerCase() === name.toLowerCase()) {
    return { zone: UTC, problem: `time zone names are case-sensitive (did you mean "${resolved}"?)` };
  }
  return { zone: name };
}
