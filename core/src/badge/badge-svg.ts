// The status badge as SVG, laid out as Argo CD's: health on the left (77 px),
// sync status on the right, the revision in a third box, the app's name in a
// row above. Every text is XML-escaped; colours and numbers come from this code only.

export interface BadgeView {
  leftText: string;
  rightText: string;
  leftColor: string;
  rightColor: string;
  /** Shown after the sync status, e.g. a commit's first 7 characters. */
  revision?: string;
  /** Shown in a row above, when asked for (`showAppName=true`). */
  title?: string;
  /** Total width asked for (`width=`). */
  width?: number;
}

const LEFT_WIDTH = 77;
const WIDTH_WITHOUT_REVISION = 131;
const WIDTH_WITH_REVISION = 192;
const WIDTH_WITH_FULL_REVISION = 400;
const ROW_HEIGHT = 20;
const CHAR_WIDTH = 6;

export function renderBadge(view: BadgeView): string {
  const defaultWidth =
    view.revision === undefined
      ? WIDTH_WITHOUT_REVISION
      : view.revision.length > 7
        ? WIDTH_WITH_FULL_REVISION
        : WIDTH_WITH_REVISION;
  const statusWidth = view.width ?? defaultWidth;
  const width = view.title === undefined ? statusWidth : Math.max(view.title.length * CHAR_WIDTH, statusWidth);
  const top = view.title === undefined ? 0 : ROW_HEIGHT;
  const height = top + ROW_HEIGHT;
  const rightEnd = view.revision === undefined ? width : Math.min(width, WIDTH_WITHOUT_REVISION);
  const parts = [
    `<svg width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeXml(label(view))}">`,
    `<title>${escapeXml(label(view))}</title>`,
    `<clipPath id="roundedCorners"><rect width="${width}" height="${height}" rx="3"/></clipPath>`,
    '<g clip-path="url(#roundedCorners)">',
  ];
  if (view.title !== undefined)
    parts.push(rect('titleRect', '#555555', 0, 0, width), text('titleText', view.title, width / 2, 0));
  parts.push(
    rect('leftRect', view.leftColor, 0, top, LEFT_WIDTH),
    rect('rightRect', view.rightColor, LEFT_WIDTH, top, Math.max(0, rightEnd - LEFT_WIDTH)),
    text('leftText', view.leftText, LEFT_WIDTH / 2, top),
    text('rightText', view.rightText, (LEFT_WIDTH + rightEnd) / 2, top),
  );
  if (view.revision !== undefined)
    parts.push(
      rect('revisionRect', view.rightColor, rightEnd, top, Math.max(0, width - rightEnd)),
      text('revisionText', `(${view.revision})`, (rightEnd + width) / 2, top, 'monospace'),
    );
  parts.push('</g>', '</svg>');
  return parts.join('\n');
}

/** Text for XML character data and attribute values. */
export function escapeXml(value: string): string {
  return (
    value
      // Characters XML 1.0 cannot carry (most C0 controls, lone surrogates, U+FFFE/FFFF) become U+FFFD.
      .replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '\ufffd')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

function label(view: BadgeView): string {
  return [view.title, view.leftText, view.rightText, view.revision].filter(Boolean).join(' ');
}

function rect(id: string, fill: string, x: number, y: number, width: number): string {
  return `<rect id="${id}" fill="${escapeXml(fill)}" x="${x}" y="${y}" width="${width}" height="${ROW_HEIGHT}"/>`;
}

function text(
  id: string,
  content: string,
  centerX: number,
  top: number,
  fontFamily = 'DejaVu Sans,Verdana,Geneva,sans-serif',
): string {
  return (
    `<text id="${id}" x="${centerX}" y="${top + 14}" fill="#ffffff" font-family="${fontFamily}" font-size="11" ` +
    `text-anchor="middle">${escapeXml(content)}</text>`
  );
}
