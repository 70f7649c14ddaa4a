/**
 * HyperLogLog (Flajolet, Fusy, Gandouet, Meunier 2007) over 53-bit keys, with the small-range (linear
 * counting) correction. Registers merge by maximum, so the sketch of chunks merged in any order equals the
 * sketch of a single pass. Relative standard error 1.04 / sqrt(m); with the default p = 14 (m = 16,384
 * registers, 16 KiB) that is 0.81%.
 */
import { keyHigh } from './hashing';

export const HLL_PRECISION = 14;

export interface HyperLogLogState {
  registers: Uint8Array;
}

export class HyperLogLog {
  readonly registers: Uint8Array;

  constructor(registers?: Uint8Array) {
    this.registers = registers ?? new Uint8Array(1 << HLL_PRECISION);
  }

  static relativeError(precision = HLL_PRECISION): number {
    return 1.04 / Math.sqrt(1 << precision);
  }

  add(key: number): void {
    const high = keyHigh(key);
    const index = high >>> (32 - HLL_PRECISION);
    // The 18 remaining bits of lane A give the run of leading zeros: enough up to ~4e9 distinct keys.
    const rest = (high << HLL_PRECISION) >>> 0;
    const rank = rest === 0 ? 32 - HLL_PRECISION + 1 : Math.clz32(rest) + 1;
    if (rank > (this.registers[index] ?? 0)) this.registers[index] = rank;
  }

  merge(other: HyperLogLog): void {
    const r = this.registers;
    const o = other.registers;
    for (let i = 0; i < r.length; i++) if ((o[i] ?? 0) > (r[i] ?? 0)) r[i] = o[i] ?? 0;
  }

  estimate(): number {
    const m = this.registers.length;
    let sum = 0;
    let zeros = 0;
    for (let i = 0; i < m; i++) {
      const v = this.registers[i] ?? 0;
      sum += 2 ** -v;
      if (v === 0) zeros++;
    }
    const alpha = 0.7213 / (1 + 1.079 / m);
    const raw = (alpha * m * m) / sum;
    if (raw <= 2.5 * m && zeros > 0) return m * Math.log(m / zeros);
    return raw;
  }

  toState(): HyperLogLogState {
    return { registers: this.registers };
  }
}
