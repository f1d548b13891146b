import { isPublicOperation } from './require-authentication.plugin';
import { parse, type OperationDefinitionNode } from 'graphql';
import { sessionCookie, tokenFromConnectionParams, tokenFromHeaders } from './request-token';
import { websocketOriginAllowed } from './websocket-origin';

const operation = (source: string) => parse(source).definitions[0] as OperationDefinitionNode;

describe('request tokens', () => {
  it('takes a Bearer header first, else the argocd.token cookie', () => {
    expect(tokenFromHeaders({ authorization: 'Bearer abc', cookie: 'argocd.token=def' })).toBe('abc');
    expect(tokenFromHeaders({ cookie: 'theme=dark; argocd.token=def' })).toBe('def');
    expect(tokenFromHeaders({ authorization: 'Basic abc' })).toBeUndefined();
    expect(tokenFromHeaders({ cookie: 'argocd.token=' })).toBeUndefined();
  });

  it('reads graphql-ws connection params with or without the Bearer prefix', () => {
    expect(tokenFromConnectionParams({ authorization: 'Bearer abc' })).toBe('abc');
    expect(tokenFromConnectionParams({ authorization: 'abc' })).toBe('abc');
    expect(tokenFromConnectionParams({ authorization: 42 })).toBeUndefined();
    expect(tokenFromConnectionParams(undefined)).toBeUndefined();
  });

  it('sets the session cookie HttpOnly and SameSite=Strict, Secure over TLS', () => {
    expect(sessionCookie('t', 60, false)).toBe('argocd.token=t; Path=/; HttpOnly; SameSite=Strict; Max-Age=60');
    expect(sessionCookie('t', undefined, true)).toBe('argocd.token=t; Path=/; HttpOnly; SameSite=Strict; Secure');
  });
});

describe('public operations', () => {
  it('are only login and version (and __typename)', () => {
    expect(isPublicOperation(operation('{ version { version } }'))).toBe(true);
    expect(isPublicOperation(operation('mutation { login(username: "a", password: "b") { token } }'))).toBe(true);
    expect(isPublicOperation(operation('{ version { version } applications { totalCount } }'))).toBe(false);
    expect(isPublicOperation(operation('{ ...F } fragment F on Query { version { version } }'))).toBe(false);
    expect(isPublicOperation(operation('subscription { serverEvents { type } }'))).toBe(false);
  });
});

describe('WebSocket origin check', () => {
  it('allows non-browser clients, the same origin and configured origins only', () => {
    expect(websocketOriginAllowed(undefined, 'cd.example.com', [])).toBe(true);
    expect(websocketOriginAllowed('https://cd.example.com', 'cd.example.com', [])).toBe(true);
    expect(websocketOriginAllowed('https://evil.example', 'cd.example.com', [])).toBe(false);
    expect(websocketOriginAllowed('https://ui.example.com', 'cd.example.com', ['https://ui.example.com'])).toBe(true);
    expect(websocketOriginAllowed('null', 'cd.example.com', [])).toBe(false);
    expect(websocketOriginAllowed('https://cd.example.com.evil.example', 'cd.example.com', [])).toBe(false);
  });
});
