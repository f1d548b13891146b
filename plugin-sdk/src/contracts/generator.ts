export interface GeneratorInput {
  /** The generator's element of ApplicationSet spec.generators, as written. */
  spec: Record<string, unknown>;
}

export interface GeneratorOutput {
  /** One parameter set per generated Application. */
  parameters: Record<string, unknown>[];
}
