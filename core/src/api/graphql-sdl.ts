// Generates the API's SDL from the code-first classes, without starting a
// server. `npm run schema:graphql` writes it to schema/graphql/schema.graphql
// and a test fails when the committed file is stale, so API changes show up
// in review as SDL diffs.
import 'reflect-metadata';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { schemaResolvers } from './schema-resolvers';

export const committedSdlPath = join(__dirname, '..', '..', '..', 'schema', 'graphql', 'schema.graphql');

/** The committed form of a schema: sorted, with a header. */
export function renderSdl(schema: GraphQLSchema): string {
  return `# Generated from core/src by \`npm run schema:graphql\` — do not edit.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}

export async function generateSdl(): Promise<string> {
  const app = await NestFactory.create(GraphQLSchemaBuilderModule, { logger: false });
  try {
    const schema = await app.get(GraphQLSchemaFactory).create(schemaResolvers);
    return renderSdl(schema);
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  void (async () => {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(committedSdlPath, await generateSdl());
    console.log(`wrote ${committedSdlPath}`);
  })();
}
