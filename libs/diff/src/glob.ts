// Glob matching with the syntax Argo CD's util/glob accepts (gobwas/glob
// without separators); a pattern equal to the text always matches, so an
// invalid pattern still names itself literally.
import { globMatch as gobwasMatch } from '@driftless/glob';

export function globMatch(pattern: string, text: string): boolean {
  return pattern === text || gobwasMatch(pattern, text);
}
