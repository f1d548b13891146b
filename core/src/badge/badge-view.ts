// What a badge shows for an Application, or for no Application: a disabled
// badge, a missing app and an app in a namespace that is not enabled all get
// the same neutral "Not Found" badge, so the badge reveals nothing about which apps exist.
import { type Application } from '@driftless/schema';
import { badgeColors, healthColor, syncColor } from './badge-colors';
import { type BadgeRequest } from './badge-request';
import { type BadgeView } from './badge-svg';

export function notFoundBadge(request: Pick<BadgeRequest, 'width'>): BadgeView {
  return {
    leftText: 'Not Found',
    rightText: '',
    leftColor: badgeColors.grey,
    rightColor: badgeColors.grey,
    ...(request.width !== undefined ? { width: request.width } : {}),
  };
}

/** The app's health and sync status, with its last synced revision and name when asked for. */
export function applicationBadge(app: Application, request: BadgeRequest): BadgeView {
  const health = app.status?.health?.status ?? 'Unknown';
  const sync = app.status?.sync?.status ?? 'Unknown';
  const view: BadgeView = {
    leftText: health,
    rightText: sync,
    leftColor: healthColor(health),
    rightColor: syncColor(sync),
  };
  const syncResult = app.status?.operationState?.syncResult;
  const revision = syncResult?.revisions?.[0] ?? syncResult?.revision;
  if (request.revision && revision)
    view.revision = request.keepFullRevision || revision.length <= 7 ? revision : revision.slice(0, 7);
  if (request.showAppName && app.metadata.name) view.title = app.metadata.name;
  if (request.width !== undefined) view.width = request.width;
  return view;
}

/** When the app cannot be read (the API server fails): Argo CD's "Unknown" badge, the same for every app. */
export function unknownBadge(request: Pick<BadgeRequest, 'width'>): BadgeView {
  return {
    leftText: 'Unknown',
    rightText: 'Unknown',
    leftColor: badgeColors.purple,
    rightColor: badgeColors.purple,
    ...(request.width !== undefined ? { width: request.width } : {}),
  };
}
