import { defaultLimits, effectiveLimits } from './limits';

describe('effectiveLimits', () => {
  it('uses the request where given, the default otherwise, and never more than the maxima', () => {
    const maxima = { ...defaultLimits, memoryMb: 128, cpuMsPerCall: 2_000 };
    expect(effectiveLimits({ memoryMb: 512, cpuMsPerCall: 100 }, maxima)).toEqual({
      ...defaultLimits,
      memoryMb: 128,
      cpuMsPerCall: 100,
    });
    expect(effectiveLimits(undefined, maxima)).toEqual(defaultLimits);
  });
});
