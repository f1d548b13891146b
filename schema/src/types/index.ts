export type * from './common';
export type * from './application-source';
export type * from './application';
export type * from './app-project';
export type * from './application-set';
