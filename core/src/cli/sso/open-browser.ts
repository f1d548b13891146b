// Opens a URL in the user's browser: $BROWSER when set (as many CLIs honour
// it; "none" opens nothing), else the platform's opener. Resolves false when
// nothing could be started, so the caller prints the URL instead.
import { spawn } from 'node:child_process';

export function browserCommand(
  url: string,
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): [string, string[]] | undefined {
  const browser = env.BROWSER?.trim();
  if (browser === 'none') return undefined;
  if (browser) return [browser, [url]];
  if (platform === 'darwin') return ['open', [url]];
  // rundll32 takes the URL as one argument; `cmd /c start` would read `&` in it as a command separator.
  if (platform === 'win32') return ['rundll32', ['url.dll,FileProtocolHandler', url]];
  return ['xdg-open', [url]];
}

export function openBrowser(url: string): Promise<boolean> {
  const command = browserCommand(url);
  if (command === undefined) return Promise.resolve(false);
  return new Promise((resolve) => {
    try {
      const child = spawn(command[0], command[1], { stdio: 'ignore', detached: true });
      child.once('error', () => resolve(false));
      child.once('spawn', () => {
        child.unref();
        resolve(true);
      });
    } catch {
      resolve(false);
    }
  });
}
