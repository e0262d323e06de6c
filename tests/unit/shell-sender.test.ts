import { describe, expect, it } from 'vitest';
import { describeSender, isTrustedFrame, type FrameLike } from '../../main/shell/sender';

const top: FrameLike = { url: 'app://ordelog/index.html', origin: 'app://ordelog', parent: null };

describe('the IPC sender check', () => {
  it('trusts our page in the top frame', () => {
    expect(isTrustedFrame(top)).toBe(true);
    expect(describeSender(top)).toEqual({ origin: 'app://ordelog', isMainFrame: true });
  });

  it('refuses a subframe, even of our own origin', () => {
    const sub: FrameLike = { ...top, parent: top };
    expect(isTrustedFrame(sub)).toBe(false);
    expect(describeSender(sub)).toEqual({ origin: 'app://ordelog', isMainFrame: false });
  });

  it.each([
    ['another origin', { url: 'https://evil.example/', origin: 'https://evil.example', parent: null }],
    ['a look-alike host', { url: 'app://ordelog.evil/', origin: 'app://ordelog.evil', parent: null }],
    ['a file page', { url: 'file:///tmp/x.html', origin: 'file://', parent: null }],
    ['an opaque origin with our URL', { url: 'app://ordelog/index.html', origin: 'https://evil.example', parent: null }],
    ['our origin claimed by another URL', { url: 'https://evil.example/', origin: 'app://ordelog', parent: null }],
    ['about:blank', { url: 'about:blank', origin: 'null', parent: null }],
  ])('refuses %s', (_name, frame) => {
    expect(isTrustedFrame(frame)).toBe(false);
  });

  it('refuses a frame that is gone, and hands the dispatcher an origin nobody trusts', () => {
    expect(isTrustedFrame(null)).toBe(false);
    expect(isTrustedFrame(undefined)).toBe(false);
    expect(describeSender(null)).toEqual({ origin: 'null', isMainFrame: false });
  });

  it('falls back to the URL when Chromium reports an opaque origin', () => {
    expect(describeSender({ url: 'app://ordelog/index.html', origin: 'null', parent: null })).toEqual({
      origin: 'app://ordelog',
      isMainFrame: true,
    });
  });
});
