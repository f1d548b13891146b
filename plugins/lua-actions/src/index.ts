export { listActions, runAction } from './lua-actions';
