import { cacheKey } from './chart-cache';
import { chartError, displayUrl } from './chart-error';

describe('chart errors and cache keys', () => {
  it.each([
    ['https://user:secret@charts.example.com/stable/?token=secret#x', 'https://charts.example.com/stable'],
    ['registry.example.com/charts', 'registry.example.com/charts'],
    ['oci://registry.example.com/charts/', 'oci://registry.example.com/charts'],
    ['http://[::1]:22/', 'http://[::1]:22'],
  ])('shows %s as %s', (url, shown) => {
    expect(displayUrl(url)).toBe(shown);
  });

  it('says what, where and how to fix', () => {
    const error = chartError('AUTH_FAILED', { url: 'https://u:p4ss@c.example', chart: 'nginx' }, 'refused', 'check it');
    expect(error.message).toBe('chart "nginx" from https://c.example: refused — check it');
    expect(error.code).toBe('AUTH_FAILED');
  });

  it('keys the cache by normalized URL, chart and version only', () => {
    const key = cacheKey('https://Charts.example.com/stable/', 'nginx', '1.2.3');
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(cacheKey('https://charts.example.com/stable', 'nginx', '1.2.3')).toBe(key);
    expect(cacheKey('https://bot:secret@charts.example.com/stable', 'nginx', '1.2.3')).toBe(key);
    expect(cacheKey('oci://r.example/charts', 'nginx', '1.0.0')).toBe(cacheKey('r.example/charts', 'nginx', '1.0.0'));
    expect(cacheKey('https://charts.example.com/stable', 'nginx', '1.2.4')).not.toBe(key);
  });
});
