// Every type of the contract, in one place for `export type *`.
export type * from './contracts/action';
export type * from './contracts/extension-points';
export type * from './contracts/generator';
export type * from './contracts/health';
export type * from './contracts/image-strategy';
export type * from './contracts/kube-object';
export type * from './contracts/notifier';
export type * from './contracts/renderer';
export type * from './contracts/source';
export type * from './define-plugin';
export type * from './host-api';
export type * from './manifest/manifest';
