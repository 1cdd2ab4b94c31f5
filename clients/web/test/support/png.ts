// Just enough PNG decoding to tell a rendered page from a blank one: 8-bit
// greyscale, RGB and RGBA, not interlaced (what Chromium writes), and a few
// statistics over the pixels.
import { inflateSync } from "node:zlib";

export interface Image {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel. */
  rgba: Uint8Array;
}

const SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);

export function decodePng(file: Buffer): Image {
  if (!file.subarray(0, 8).equals(SIGNATURE)) throw new Error("not a PNG");
  let pos = 8;
  let width = 0;
  let height = 0;
  let colorType = -1;
  const idat: Buffer[] = [];
  while (pos < file.length) {
    const len = file.readUInt32BE(pos);
    const type = file.toString("latin1", pos + 4, pos + 8);
    const data = file.subarray(pos + 8, pos + 8 + len);
    pos += 12 + len;
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const depth = data[8];
      colorType = data[9];
      if (depth !== 8 || ![0, 2, 6].includes(colorType) || data[12] !== 0) {
        throw new Error(`unsupported PNG: depth ${depth}, colour type ${colorType}, interlace ${data[12]}`);
      }
    } else if (type === "IDAT") {
      idat.push(data);
    } else if (type === "IEND") {
      break;
    }
  }
  const channels = colorType === 6 ? 4 : colorType === 2 ? 3 : 1;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = pixels.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? pixels.subarray((y - 1) * stride, y * stride) : new Uint8Array(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? out[i - channels] : 0;
      const b = prev[i];
      const c = i >= channels ? prev[i - channels] : 0;
      let v = line[i];
      switch (filter) {
        case 0:
          break;
        case 1:
          v += a;
          break;
        case 2:
          v += b;
          break;
        case 3:
          v += (a + b) >> 1;
          break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default:
          throw new Error(`bad PNG filter ${filter} on line ${y}`);
      }
      out[i] = v & 0xff;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    if (channels === 1) {
      rgba.set([pixels[i], pixels[i], pixels[i], 255], i * 4);
    } else {
      rgba[i * 4] = pixels[i * channels];
      rgba[i * 4 + 1] = pixels[i * channels + 1];
      rgba[i * 4 + 2] = pixels[i * channels + 2];
      rgba[i * 4 + 3] = channels === 4 ? pixels[i * channels + 3] : 255;
    }
  }
  return { width, height, rgba };
}

export interface ImageStats {
  width: number;
  height: number;
  /** Distinct RGB colours. */
  colours: number;
  /** Share of the pixels that have the most common colour. */
  dominantShare: number;
  /** Standard deviation of the luminance (0-255). */
  lumaStdDev: number;
}

export function imageStats(img: Image): ImageStats {
  const counts = new Map<number, number>();
  let sum = 0;
  let sumSq = 0;
  const n = img.width * img.height;
  for (let i = 0; i < n; i++) {
    const r = img.rgba[i * 4];
    const g = img.rgba[i * 4 + 1];
    const b = img.rgba[i * 4 + 2];
    const key = (r << 16) | (g << 8) | b;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    sum += y;
    sumSq += y * y;
  }
  const mean = sum / n;
  return {
    width: img.width,
    height: img.height,
    colours: counts.size,
    dominantShare: Math.max(...counts.values()) / n,
    lumaStdDev: Math.sqrt(Math.max(sumSq / n - mean * mean, 0)),
  };
}

/** How many pixels are within `tolerance` (per channel) of colour "#rrggbb". */
export function pixelsNear(img: Image, hex: string, tolerance = 24): number {
  const r = parseInt(hex.slice(1, 3), 16);
  const g = parseInt(hex.slice(3, 5), 16);
  const b = parseInt(hex.slice(5, 7), 16);
  let count = 0;
  for (let i = 0; i < img.width * img.height; i++) {
    if (Math.abs(img.rgba[i * 4] - r) <= tolerance && Math.abs(img.rgba[i * 4 + 1] - g) <= tolerance && Math.abs(img.rgba[i * 4 + 2] - b) <= tolerance) {
      count++;
    }
  }
  return count;
}
