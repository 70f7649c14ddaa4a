// Draws the extension's Marketplace icon, media/icon.png (128×128 RGBA), without an image library: a dark rounded
// tile with four bars that shrink and turn from teal to red, diversity draining out of a dataset generation by
// generation. Each pixel is 4×4 supersampled for smooth edges. Run `node scripts/icon.mjs` after changing it and
// commit the PNG (the package ships the PNG, not this script).
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4;
const TILE = { color: [27, 40, 56], radius: 24 };
const BARS = [
  { x: 22, width: 18, top: 30, color: [38, 198, 176] },
  { x: 46, width: 18, top: 50, color: [120, 196, 96] },
  { x: 70, width: 18, top: 70, color: [242, 176, 53] },
  { x: 94, width: 18, top: 88, color: [232, 83, 71] },
];
const BAR_BOTTOM = 104;

/** The colour at a point of the image, or undefined outside the tile. */
function colorAt(x, y) {
  const r = TILE.radius;
  const cx = Math.min(Math.max(x, r), SIZE - r);
  const cy = Math.min(Math.max(y, r), SIZE - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return undefined;
  const bar = BARS.find((b) => x >= b.x && x < b.x + b.width && y >= b.top && y < BAR_BOTTOM);
  return bar ? bar.color : TILE.color;
}

const rows = [];
for (let py = 0; py < SIZE; py++) {
  const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0 (None), then RGBA
  for (let px = 0; px < SIZE; px++) {
    const sum = [0, 0, 0, 0];
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const c = colorAt(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
        if (!c) continue;
        for (let i = 0; i < 3; i++) sum[i] += c[i];
        sum[3] += 1;
      }
    }
    const o = 1 + px * 4;
    for (let i = 0; i < 3; i++) row[o + i] = sum[3] ? Math.round(sum[i] / sum[3]) : 0;
    row[o + 3] = Math.round((255 * sum[3]) / (SAMPLES * SAMPLES));
  }
  rows.push(row);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no interlace
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('../media/icon.png', import.meta.url), png);
console.log(`media/icon.png: ${png.length} bytes`);
