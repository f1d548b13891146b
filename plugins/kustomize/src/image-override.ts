// Image overrides as `kustomize edit set image` reads them —
// `name=newName[:tag|@digest]`, `name:tag`, `name@digest` — and merged into
// the app kustomization's own `images` entry of the same name the way that
// command edits it in place, so an overlay gives the same images.
export interface KustomizeImage {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

const tagged = /^(.*):([a-zA-Z0-9._-]*|\*)$/;

function reference(text: string, allowBare: boolean): { name: string; tag?: string; digest?: string } | undefined {
  const at = text.split('@');
  if (at.length > 1) return { name: at[0] as string, digest: at[1] as string };
  const match = tagged.exec(text);
  if (match) return { name: match[1] as string, tag: match[2] as string };
  if (text !== '' && allowBare) return { name: text };
  return undefined;
}

export function parseImageOverride(spec: string): KustomizeImage {
  const parts = spec.split('=');
  const invalid = () =>
    new Error(`kustomize image "${spec}" is not one of name=newName:tag, name=newName@digest, name:tag or name@digest`);
  if (parts.length === 2) {
    const target = reference(parts[1] as string, true);
    if (!target || parts[0] === '') throw invalid();
    return withDefined({ name: parts[0] as string, newName: target.name, newTag: target.tag, digest: target.digest });
  }
  const target = parts.length === 1 ? reference(spec, false) : undefined;
  if (!target || target.name === '') throw invalid();
  return withDefined({ name: target.name, newTag: target.tag, digest: target.digest });
}

function withDefined(image: {
  name: string;
  newName?: string | undefined;
  newTag?: string | undefined;
  digest?: string | undefined;
}): KustomizeImage {
  const out: KustomizeImage = { name: image.name };
  if (image.newName) out.newName = image.newName;
  if (image.newTag !== undefined && image.newTag !== '') out.newTag = image.newTag;
  if (image.digest !== undefined && image.digest !== '') out.digest = image.digest;
  return out;
}

/**
 * The overlay's entries for `overrides`: where the app kustomization already
 * has an entry for the name, the merged entry is expressed on the image name
 * that entry produces.
 */
export function overlayImages(overrides: KustomizeImage[], appImages: KustomizeImage[]): KustomizeImage[] {
  return overrides.map((override) => {
    const existing = appImages.find((image) => image.name === override.name);
    if (!existing) return override;
    const merged: KustomizeImage = { ...existing };
    if (override.newName) merged.newName = override.newName;
    if (override.newTag) {
      merged.newTag = override.newTag;
      delete merged.digest;
    }
    if (override.digest) {
      merged.digest = override.digest;
      delete merged.newTag;
    }
    const produced = existing.newName ?? existing.name;
    const entry: KustomizeImage = { name: produced };
    if ((merged.newName ?? merged.name) !== produced) entry.newName = merged.newName ?? merged.name;
    if (merged.digest) entry.digest = merged.digest;
    else if (merged.newTag) entry.newTag = merged.newTag;
    return entry;
  });
}
