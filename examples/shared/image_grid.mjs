// A grid of grayscale images with captions, as SVG with each image embedded as a PNG data URI,
// so the picture stays one self-contained file.
import pngjs from 'pngjs';

const { PNG } = pngjs;
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** A `size` x `size` grayscale image (values in [0, 1], row-major) as a PNG data URI. */
export function grayPngDataUri(pixels, size) {
  const png = new PNG({ width: size, height: size });
  for (let i = 0; i < size * size; i++) {
    const v = Math.round(255 * Math.min(1, Math.max(0, pixels[i])));
    png.data[4 * i] = v;
    png.data[4 * i + 1] = v;
    png.data[4 * i + 2] = v;
    png.data[4 * i + 3] = 255;
  }
  return `data:image/png;base64,${PNG.sync.write(png).toString('base64')}`;
}

/**
 * A panel at (x, y): `title`, then `images` ([{ pixels, size, lines: [text, ...], marked }]) in
 * rows of `columns`, each drawn `cell` px wide with its caption lines below; a marked image
 * gets a red frame and a red last line.
 */
export function imageGrid({ x = 0, y = 0, columns = 6, cell = 68, imageSize = 52, title, images, note }) {
  const rowHeight = imageSize + 34;
  const parts = [`<text x="${x + (columns * cell) / 2}" y="${y + 18}" text-anchor="middle" font-size="14" font-weight="bold">${esc(title)}</text>`];
  images.forEach((im, k) => {
    const cx = x + (k % columns) * cell + (cell - imageSize) / 2;
    const cy = y + 30 + Math.floor(k / columns) * rowHeight;
    parts.push(`<image x="${cx}" y="${cy}" width="${imageSize}" height="${imageSize}" style="image-rendering:pixelated" href="${grayPngDataUri(im.pixels, im.size)}"/>`);
    if (im.marked) parts.push(`<rect x="${cx - 1.5}" y="${cy - 1.5}" width="${imageSize + 3}" height="${imageSize + 3}" fill="none" stroke="#d62728" stroke-width="3"/>`);
    im.lines.forEach((line, j) => {
      const red = im.marked && j === im.lines.length - 1;
      parts.push(`<text x="${cx + imageSize / 2}" y="${cy + imageSize + 12 + 11 * j}" text-anchor="middle" font-size="9"${red ? ' fill="#d62728"' : ''}>${esc(line)}</text>`);
    });
  });
  if (note) parts.push(`<text x="${x + (columns * cell) / 2}" y="${y + 30 + Math.ceil(images.length / columns) * rowHeight + 8}" text-anchor="middle" font-size="10" fill="#555">${esc(note)}</text>`);
  return parts.join('\n');
}
