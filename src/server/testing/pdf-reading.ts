import { inflateSync } from "node:zlib";
import jsQR from "jsqr";

/**
 * Reading back what a generated PDF draws, for tests (server and browser): the inflated content
 * streams, the text drawn (pdfkit writes it as hex glyph strings), and a QR code drawn as squares,
 * decoded as a phone's camera would. The PDFs stay real: nothing here is a second renderer.
 */

/** The PDF's content streams, inflated (fonts and images are not deflated text and are skipped). */
export function contentStreams(pdf: Buffer): string[] {
  const streams: string[] = [];
  for (let at = pdf.indexOf("stream\n"); at !== -1; at = pdf.indexOf("stream\n", at + 7)) {
    const end = pdf.indexOf("\nendstream", at + 7);
    if (end === -1) break;
    try {
      streams.push(inflateSync(pdf.subarray(at + 7, end)).toString("latin1"));
    } catch {
      // Not a deflated stream.
    }
  }
  return streams;
}

/** The QR matrix as drawn: every square of one module's side, placed on the grid from the top-left finder pattern. */
export function drawnQr(pdf: Buffer, modulePoints: number): boolean[][] {
  const square = new RegExp(`(-?[\\d.]+) (-?[\\d.]+) ${modulePoints} ${modulePoints} re`, "g");
  const corners = contentStreams(pdf).flatMap((content) => [...content.matchAll(square)].map((match) => [Number(match[1]), Number(match[2])]));
  const left = Math.min(...corners.map(([x]) => x));
  const top = Math.min(...corners.map(([, y]) => y));
  const size = Math.round((Math.max(...corners.map(([x]) => x)) - left) / modulePoints) + 1;
  const matrix = Array.from({ length: size }, () => Array.from({ length: size }, () => false));
  for (const [x, y] of corners) matrix[Math.round((y - top) / modulePoints)][Math.round((x - left) / modulePoints)] = true;
  return matrix;
}

/** What a phone's camera would read: the matrix as pixels (four per module, a four-module quiet zone), decoded by jsQR. */
export function readQr(matrix: boolean[][]): string | undefined {
  const scale = 4;
  const quiet = 4;
  const side = (matrix.length + 2 * quiet) * scale;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  for (const [rowIndex, row] of matrix.entries()) {
    for (const [column, isDark] of row.entries()) {
      if (!isDark) continue;
      for (let dy = 0; dy < scale; dy += 1) {
        const offset = (((rowIndex + quiet) * scale + dy) * side + (column + quiet) * scale) * 4;
        for (let dx = 0; dx < scale; dx += 1) pixels.fill(0, offset + dx * 4, offset + dx * 4 + 3);
      }
    }
  }
  return jsQR(pixels, side, side)?.data;
}

export const hexOf = (text: string) => Buffer.from(text, "latin1").toString("hex");
export const drawnHex = (pdf: Buffer) => contentStreams(pdf).flatMap((content) => [...content.matchAll(/<([0-9a-f]+)>/g)].map((match) => match[1])).join("");
