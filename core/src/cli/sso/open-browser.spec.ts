import { browserCommand } from './open-browser';

describe('browserCommand', () => {
  const url = 'https://idp.example.com/auth?a=1&b=2';
  it("uses $BROWSER, else the platform's opener, and nothing for BROWSER=none", () => {
    expect(browserCommand(url, 'linux', { BROWSER: 'firefox' })).toEqual(['firefox', [url]]);
    expect(browserCommand(url, 'linux', { BROWSER: 'none' })).toBeUndefined();
    expect(browserCommand(url, 'linux', {})).toEqual(['xdg-open', [url]]);
    expect(browserCommand(url, 'darwin', {})).toEqual(['open', [url]]);
    expect(browserCommand(url, 'win32', {})).toEqual(['rundll32', ['url.dll,FileProtocolHandler', url]]);
  });
});
