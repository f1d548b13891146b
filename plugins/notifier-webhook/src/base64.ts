// UTF-8 → base64 without btoa or Buffer (absent in bare isolates), for basic auth.
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function base64Utf8(text: string): string {
  const bytes = [
    ...encodeURIComponent(text).replace(/%([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
  ].map((char) => char.charCodeAt(0));
  let out = '';
  for (let index = 0; index < bytes.length; index += 3) {
    const chunk = (bytes[index]! << 16) | ((bytes[index + 1] ?? 0) << 8) | (bytes[index + 2] ?? 0);
    out += alphabet[(chunk >> 18) & 63]! + alphabet[(chunk >> 12) & 63]!;
    out += index + 1 < bytes.length ? alphabet[(chunk >> 6) & 63]! : '=';
    out += index + 2 < bytes.length ? alphabet[chunk & 63]! : '=';
  }
  return out;
}
