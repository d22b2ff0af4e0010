// Reads the first sheet of an .xlsx file back into rows of strings, with nothing but Node's zlib:
// an .xlsx is a zip of XML parts; this finds the parts in the zip's central directory, inflates
// `xl/sharedStrings.xml` and `xl/worksheets/sheet1.xml`, and reads their cells. Enough for the
// tests to check what the app exported: headers, row counts, values (numbers as their text).
import { inflateRawSync } from 'node:zlib';

/** The zip's entries as a map from name to bytes. */
function unzip(buffer) {
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip file: no end of central directory');
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  const entries = new Map();
  for (let i = 0; i < count; i++) {
    const method = buffer.readUInt16LE(at + 10);
    const size = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    const local = buffer.readUInt32LE(at + 42);
    const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
    const dataAt = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const data = buffer.subarray(dataAt, dataAt + size);
    entries.set(name, method === 0 ? data : inflateRawSync(data));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function unescapeXml(text) {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The rows of the first worksheet: arrays of cell texts, by column letter order. */
export function readXlsxRows(buffer) {
  const parts = unzip(buffer);
  const shared = [];
  const strings = parts.get('xl/sharedStrings.xml')?.toString('utf8') ?? '';
  for (const item of strings.matchAll(/<si>([\s\S]*?)<\/si>/g)) {
    const texts = [...item[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]);
    shared.push(unescapeXml(texts.join('')));
  }
  const sheet = parts.get('xl/worksheets/sheet1.xml')?.toString('utf8');
  if (!sheet) throw new Error('the workbook has no xl/worksheets/sheet1.xml');
  const rows = [];
  for (const row of sheet.matchAll(/<row[^>]*>([\s\S]*?)<\/row>/g)) {
    const cells = [];
    for (const cell of row[1].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const column = [...cell[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      const type = /t="(\w+)"/.exec(cell[2])?.[1];
      const value = /<v>([\s\S]*?)<\/v>/.exec(cell[3] ?? '')?.[1];
      const inline = /<t[^>]*>([\s\S]*?)<\/t>/.exec(cell[3] ?? '')?.[1];
      let text = '';
      if (type === 's' && value !== undefined) text = shared[Number(value)];
      else if (inline !== undefined) text = unescapeXml(inline);
      else if (value !== undefined) text = unescapeXml(value);
      cells[column] = text;
    }
    rows.push(Array.from(cells, (c) => c ?? ''));
  }
  return rows;
}
