// Argo CD's badge colours: health on the left, sync status on the right.

export const badgeColors = {
  blue: '#0dadea',
  green: '#18be52',
  purple: '#b266ff',
  orange: '#f4c030',
  red: '#e96d76',
  grey: '#ccd6dd',
  title: '#555555',
} as const;

const healthColors: Record<string, string> = {
  Degraded: badgeColors.red,
  Healthy: badgeColors.green,
  Missing: badgeColors.purple,
  Progressing: badgeColors.blue,
  Suspended: badgeColors.grey,
  Unknown: badgeColors.purple,
};

const syncColors: Record<string, string> = {
  Synced: badgeColors.green,
  OutOfSync: badgeColors.orange,
  Unknown: badgeColors.purple,
};

export function healthColor(status: string): string {
  return Object.hasOwn(healthColors, status) ? (healthColors[status] ?? badgeColors.grey) : badgeColors.grey;
}

export function syncColor(status: string): string {
  return Object.hasOwn(syncColors, status) ? (syncColors[status] ?? badgeColors.grey) : badgeColors.grey;
}
