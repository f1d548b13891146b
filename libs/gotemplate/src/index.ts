// @driftless/gotemplate: Go's text/template with Sprig v3 and Helm's additions,
// in pure TypeScript with no I/O.
export { TemplateError, type TemplateErrorCode } from './errors';
export {
  defaultLimits,
  fn,
  GoError,
  type CallContext,
  type FuncMap,
  type Limits,
  type MissingKey,
  type TemplateFunction,
} from './exec/function';
export { helmFunctions } from './helm';
export {
  helmCapabilities,
  helmFiles,
  helmRenderData,
  renderHelmFiles,
  type CapabilitiesInput,
  type HelmChartInput,
  type HelmReleaseInput,
  type HelmRenderDataInput,
  type HelmRenderOptions,
} from './helm/files';
export { functionSet, parseCached, renderTemplateText, type FunctionSet, type RenderOptions } from './render';
export { sprigFunctions, type SprigOptions } from './sprig';
export { applicationSetFunctions, sanitizeName, slugifyName } from './sprig/applicationset';
export { TemplateSet, type TemplateSetOptions } from './template';
export {
  GO_TYPE,
  GoStruct,
  makeFunction,
  taggedArray,
  taggedMap,
  TypedInt,
  type GoFunction,
  type Signature,
} from './values/types';
