// What a refresh wake-up asks for: the strongest level asked since the app
// was last refreshed, and whether a user asked (the status then shows a new
// reconciledAt even when nothing changed). Pure.
import { higherLevel, type RefreshLevel } from './refresh-ports';

export interface RefreshRequest {
  level: RefreshLevel;
  touch: boolean;
}

export function mergeRefreshRequests(earlier: RefreshRequest | undefined, later: RefreshRequest): RefreshRequest {
  return { level: higherLevel(earlier?.level, later.level), touch: Boolean(earlier?.touch || later.touch) };
}
