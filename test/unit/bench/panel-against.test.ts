/** bench:panel's `BENCH_AGAINST`: another build, read strictly (a typo must not measure this build twice). */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAgainst } from '../../bench/panel-against.ts';

const noManifest = () => false;

describe('readAgainst', () => {
  it('reads NAME=value pairs as build settings for this code', () => {
    expect(readAgainst('WXT_SOME_FLAG=1', noManifest)).toEqual({ settings: { WXT_SOME_FLAG: '1' } });
    expect(readAgainst('  WXT_SOME_FLAG=1   WXT_OTHER=  ', noManifest)).toEqual({ settings: { WXT_SOME_FLAG: '1', WXT_OTHER: '' } });
  });

  it('reads a built extension\'s directory as that build', () => {
    const built = (dir: string) => dir === '../base/.output/chrome-mv3';
    expect(readAgainst('../base/.output/chrome-mv3', built)).toEqual({ dir: path.resolve('../base/.output/chrome-mv3') });
  });

  it('is null when unset or blank', () => {
    expect(readAgainst(undefined, noManifest)).toBeNull();
    expect(readAgainst('  ', noManifest)).toBeNull();
  });

  it('refuses what is neither', () => {
    expect(() => readAgainst('lazy', noManifest)).toThrow(/neither NAME=value nor a built extension/);
    expect(() => readAgainst('wxt_flag=1', noManifest)).toThrow(/neither/);
    expect(() => readAgainst('../nowhere/chrome-mv3', noManifest)).toThrow(/neither/);
  });
});
