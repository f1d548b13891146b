import { parseJson } from '../json-fields';

/** The request body as JSON; undefined when it is not (a 400 for the caller). */
export function jsonBody(body: Buffer): unknown {
  return parseJson(body.toString('utf8'))?.value;
}
