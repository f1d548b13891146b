import { readFileSync } from 'node:fs';
import { committedSdlPath, generateSdl } from './graphql-sdl';

describe('committed GraphQL SDL', () => {
  it('matches the schema generated from the code (run `npm run schema:graphql` after API changes)', async () => {
    expect(readFileSync(committedSdlPath, 'utf8')).toBe(await generateSdl());
  });
});
