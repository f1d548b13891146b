/** A render that failed for a reason the user can fix: one line, naming the app. */
export class ManifestGenerationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManifestGenerationError';
  }
}
