import { registerEnumType } from '@nestjs/graphql';

export enum PatchTypeValue {
  merge = 'merge',
  json = 'json',
}

export enum PropagationPolicyValue {
  foreground = 'foreground',
  background = 'background',
}

registerEnumType(PatchTypeValue, {
  name: 'PatchType',
  description: 'merge: a JSON merge patch (RFC 7386); json: a JSON patch (RFC 6902)',
});
registerEnumType(PropagationPolicyValue, {
  name: 'PropagationPolicy',
  description: "How a cascaded deletion deletes the application's resources",
});
