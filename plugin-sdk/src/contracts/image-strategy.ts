export interface ImageStrategyInput {
  image: string;
  currentTag: string;
  candidates: string[];
  options: Record<string, string>;
}

export interface ImageStrategyOutput {
  /** The chosen tag, or null to keep the current one. */
  tag: string | null;
}
