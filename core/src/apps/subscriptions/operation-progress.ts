// When an operation subscription has said all there is to say. Pure.
import { type ApplicationOperationModel } from '../mutations/dto/operation-state.model';

const FINAL_PHASES: ReadonlySet<string> = new Set(['Succeeded', 'Failed', 'Error']);

/**
 * Nothing is requested or running: the last operation ended (or there never
 * was one). A state in a final phase while `operation` is still set is the
 * previous operation's, with a new one requested: not finished.
 */
export function operationSettled(model: ApplicationOperationModel): boolean {
  return !model.pending && (model.state === null || FINAL_PHASES.has(model.state.phase));
}
