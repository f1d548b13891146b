// Go's Time.Format: layouts written with the reference time `Mon Jan 2 15:04:05 MST 2006`.
import type { GoTime } from './time-values';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

function zoneOffset(offsetSeconds: number, separator: string, withMinutes: boolean, zForUtc: boolean): string {
  if (zForUtc && offsetSeconds === 0) return 'Z';
  const sign = offsetSeconds < 0 ? '-' : '+';
  const abs = Math.abs(offsetSeconds);
  const hours = pad(Math.floor(abs / 3600), 2);
  return withMinutes ? `${sign}${hours}${separator}${pad(Math.floor((abs % 3600) / 60), 2)}` : `${sign}${hours}`;
}

// Go layout elements, longest first so `January` wins over `Jan` and `2006` over `2`.
const LAYOUT_TOKENS = [
  'January',
  'Monday',
  'Z07:00',
  '-07:00',
  'Z0700',
  '-0700',
  '2006',
  'Jan',
  'Mon',
  'MST',
  'Z07',
  '-07',
  '002',
  '_2',
  '01',
  '02',
  '03',
  '04',
  '05',
  '06',
  '15',
  'PM',
  'pm',
  '1',
  '2',
  '3',
  '4',
  '5',
];

/** Go's Time.Format(layout) for the layout elements Go documents (zones print as offsets or UTC). */
export function formatTime(time: GoTime, layout: string): string {
  const f = time.fields();
  let out = '';
  let index = 0;
  while (index < layout.length) {
    const fraction = /^[.,](0+|9+)/.exec(layout.slice(index));
    if (fraction && !/\d/.test(layout[index + fraction[0].length] ?? '')) {
      const digits = fraction[1]!;
      const text = pad(time.nanos, 9).slice(0, digits.length);
      out += digits.startsWith('9') ? (/[1-9]/.test(text) ? `.${text.replace(/0+$/, '')}` : '') : `.${text}`;
      index += fraction[0].length;
      continue;
    }
    const token = LAYOUT_TOKENS.find((candidate) => layout.startsWith(candidate, index));
    if (!token) {
      out += layout[index];
      index += 1;
      continue;
    }
    index += token.length;
    const hour12 = f.hour % 12 === 0 ? 12 : f.hour % 12;
    switch (token) {
      case 'January':
        out += MONTHS[f.month - 1];
        break;
      case 'Jan':
        out += MONTHS[f.month - 1]!.slice(0, 3);
        break;
      case 'Monday':
        out += DAYS[f.weekday];
        break;
      case 'Mon':
        out += DAYS[f.weekday]!.slice(0, 3);
        break;
      case '2006':
        out += pad(f.year, 4);
        break;
      case '06':
        out += pad(f.year % 100, 2);
        break;
      case '01':
        out += pad(f.month, 2);
        break;
      case '1':
        out += String(f.month);
        break;
      case '02':
        out += pad(f.day, 2);
        break;
      case '2':
        out += String(f.day);
        break;
      case '_2':
        out += String(f.day).padStart(2, ' ');
        break;
      case '002':
        out += pad(f.yearDay, 3);
        break;
      case '15':
        out += pad(f.hour, 2);
        break;
      case '03':
        out += pad(hour12, 2);
        break;
      case '3':
        out += String(hour12);
        break;
      case '04':
        out += pad(f.minute, 2);
        break;
      case '4':
        out += String(f.minute);
        break;
      case '05':
        out += pad(f.second, 2);
        break;
      case '5':
        out += String(f.second);
        break;
      case 'PM':
        out += f.hour >= 12 ? 'PM' : 'AM';
        break;
      case 'pm':
        out += f.hour >= 12 ? 'pm' : 'am';
        break;
      case 'MST':
        out += time.offsetSeconds === 0 ? 'UTC' : zoneOffset(time.offsetSeconds, '', true, false);
        break;
      case 'Z07:00':
        out += zoneOffset(time.offsetSeconds, ':', true, true);
        break;
      case '-07:00':
        out += zoneOffset(time.offsetSeconds, ':', true, false);
        break;
      case 'Z0700':
        out += zoneOffset(time.offsetSeconds, '', true, true);
        break;
      case '-0700':
        out += zoneOffset(time.offsetSeconds, '', true, false);
        break;
      case 'Z07':
        out += zoneOffset(time.offsetSeconds, '', false, true);
        break;
      case '-07':
        out += zoneOffset(time.offsetSeconds, '', false, false);
        break;
    }
  }
  return out;
}
