// How an argument becomes a value of a Go parameter type: reflect's
// assignability for evaluated values (validateType in exec.go) and the typed
// reading of constants (evalBool, evalString, evalInteger, ...).
import { nodeString, type Node } from '../parse/nodes';
import { goTypeName, integerValue, TypedInt } from '../values/types';

/** A value does not fit the parameter; the executor adds the location. */
export class AssignmentError extends Error {}

export function assignValue(value: unknown, type: string | null): unknown {
  if (value === undefined) {
    if (type === null || type === 'reflect.Value') return undefined;
    if (canBeNil(type)) return null;
    throw new AssignmentError(`invalid value; expected ${type}`);
  }
  if (type === null || type === 'reflect.Value' || type === 'interface {}') return value;
  if (value === null) throw new AssignmentError(`wrong type for value; expected ${type}; got interface {}`);
  const actual = goTypeName(value);
  if (actual === type) return convertForImplementation(value, type);
  throw new AssignmentError(`wrong type for value; expected ${type}; got ${actual}`);
}

/** A bool, number or string constant read as a parameter of `type` (not interface types). */
export function typedConstant(node: Node, type: string | null): unknown {
  switch (type) {
    case 'bool':
      if (node.kind === 'bool') return node.value;
      throw new AssignmentError(`expected bool; found ${nodeString(node)}`);
    case 'float64':
    case 'float32':
      if (node.kind === 'number' && node.isFloat) return node.float;
      throw new AssignmentError(`expected float; found ${nodeString(node)}`);
    case 'int':
    case 'int8':
    case 'int16':
    case 'int32':
    case 'int64':
      if (node.kind === 'number' && node.isInt) return convertForImplementation(node.int, type);
      throw new AssignmentError(`expected integer; found ${nodeString(node)}`);
    case 'uint':
    case 'uint8':
    case 'uint16':
    case 'uint32':
    case 'uint64':
      if (node.kind === 'number' && node.isUint) return convertForImplementation(new TypedInt(type, node.int), type);
      throw new AssignmentError(`expected unsigned integer; found ${nodeString(node)}`);
    case 'string':
      if (node.kind === 'string') return node.text;
      throw new AssignmentError(`expected string; found ${nodeString(node)}`);
  }
  throw new AssignmentError(`can't handle ${nodeString(node)} for arg of type ${type}`);
}

export function canBeNil(type: string): boolean {
  return (
    type === 'interface {}' ||
    type === 'reflect.Value' ||
    type.startsWith('[]') ||
    type.startsWith('map[') ||
    type.startsWith('*') ||
    type.startsWith('func')
  );
}

export function zeroValue(type: string): unknown {
  switch (type) {
    case 'string':
      return '';
    case 'bool':
      return false;
    case 'float64':
      return 0;
    case 'int':
      return 0n;
    default:
      return canBeNil(type) ? null : undefined;
  }
}

/** Int-kind parameters reach implementations as JS numbers; other values pass unchanged. */
function convertForImplementation(value: unknown, type: string): unknown {
  const integer = /^u?int(8|16|32|64)?$/.test(type) ? integerValue(value) : undefined;
  return integer === undefined ? value : Number(integer);
}
