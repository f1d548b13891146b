// What one applicationChanges subscriber holds: the applications it was last
// told about, and how a new look at one of them classifies. An app it may not
// see or that does not match its filter counts as absent, so losing access or
// leaving the filter is DELETED and gaining them is ADDED; a change the model
// does not show (a status field outside it) is nothing. Pure.
import { type IndexedApplication } from '../index/application-index.service';
import { applicationRbacName } from '../index/visible-applications.service';
import { type ApplicationRow } from '../query/application-filter';
import { ApplicationChangeType } from './application-change.model';
import { type ApplicationView, applicationView } from './application-view';

export interface ClassifiedChange {
  type: ApplicationChangeType;
  view: ApplicationView;
}

/** `before`: what the subscriber holds; `now`: the app if it exists, is visible and matches, else undefined. */
export function classifyChange(
  before: ApplicationView | undefined,
  now: ApplicationView | undefined,
): ClassifiedChange | undefined {
  if (before === undefined) return now === undefined ? undefined : { type: ApplicationChangeType.ADDED, view: now };
  if (now === undefined) return { type: ApplicationChangeType.DELETED, view: before };
  return now.fingerprint === before.fingerprint ? undefined : { type: ApplicationChangeType.MODIFIED, view: now };
}

export interface SubscriberLens {
  /** The subscriber's RBAC check with the current policy. */
  can: (action: string, resource: string, object: string) => boolean;
  /** The subscriber's list filter. */
  matches: (row: ApplicationRow) => boolean;
  controlNamespace: string;
}

/** The app as this subscriber sees it: its view when it may `get` it and it matches the filter, else undefined. */
export function seenBy(lens: SubscriberLens, entry: IndexedApplication | undefined): ApplicationView | undefined {
  if (entry === undefined) return undefined;
  if (!lens.can('get', 'applications', applicationRbacName(entry.application, lens.controlNamespace))) return undefined;
  return lens.matches(entry.row) ? applicationView(entry.application) : undefined;
}

export class SubscriberApplications {
  private readonly held = new Map<string, ApplicationView>();

  /** Records an app the subscriber already has (it listed it before subscribing). */
  seed(key: string, view: ApplicationView): void {
    this.held.set(key, view);
  }

  /** Classifies the current look at `key` and remembers it as what the subscriber now holds. */
  observe(key: string, now: ApplicationView | undefined): ClassifiedChange | undefined {
    const change = classifyChange(this.held.get(key), now);
    if (now === undefined) this.held.delete(key);
    else this.held.set(key, now);
    return change;
  }

  keys(): IterableIterator<string> {
    return this.held.keys();
  }
}
