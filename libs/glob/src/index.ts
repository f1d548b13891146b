export { compileGlob, globMatch } from './glob';
