#!/usr/bin/env node
// Reads each MCAP file named on the command line with the format's reference reader (@mcap/core) and prints one
// JSON line per file: header, summary statistics, per-channel message counts (counted by reading every message
// through the index, which checks every chunk CRC), schema names, and whether the data section and summary CRCs
// hold, and how many messages on "json" channels do not parse as JSON (jsonErrors, reported, not judged:
// callers that record JSON assert it is 0). A second, linear pass (McapStreamReader) counts the records again without the index.
// Exit status: 0 when every file reads cleanly, 1 when any does not (its line then has "ok": false and "error").
// Usage: node verify.mjs FILE...
import { readFile } from "node:fs/promises";
import { McapIndexedReader, McapStreamReader } from "@mcap/core";
import { crc32 } from "@foxglove/crc";
import zstd from "@foxglove/wasm-zstd";
import lz4 from "@foxglove/wasm-lz4";

await zstd.isLoaded;
await lz4.isLoaded;

const decompressHandlers = {
  zstd: (buffer, decompressedSize) => zstd.decompress(buffer, Number(decompressedSize)),
  lz4: (buffer, decompressedSize) => lz4(buffer, Number(decompressedSize)),
};

function bufferReadable(bytes) {
  return {
    size: async () => BigInt(bytes.byteLength),
    read: async (offset, length) => {
      const start = Number(offset);
      const end = start + Number(length);
      if (end > bytes.byteLength) {
        throw new Error(`read [${start}, ${end}) past the end of the file (${bytes.byteLength} bytes)`);
      }
      return bytes.subarray(start, end);
    },
  };
}

const num = (v) => (typeof v === "bigint" ? Number(v) : v);

async function indexed(bytes) {
  const reader = await McapIndexedReader.Initialize({ readable: bufferReadable(bytes), decompressHandlers });
  const counts = new Map();
  let messages = 0;
  let jsonErrors = 0;
  const decoder = new TextDecoder();
  for await (const message of reader.readMessages()) {
    counts.set(message.channelId, (counts.get(message.channelId) ?? 0) + 1);
    messages++;
    if (reader.channelsById.get(message.channelId)?.messageEncoding === "json") {
      try {
        JSON.parse(decoder.decode(message.data));
      } catch {
        jsonErrors++;
      }
    }
  }
  let dataSectionCrcOk = null;
  if (reader.dataSectionCrc !== undefined) {
    dataSectionCrcOk = crc32(bytes.subarray(0, Number(reader.dataEndOffset))) === reader.dataSectionCrc;
  }
  const compression = {};
  for (const chunk of reader.chunkIndexes) {
    const name = chunk.compression === "" ? "none" : chunk.compression;
    const entry = (compression[name] ??= { chunks: 0, compressedBytes: 0, uncompressedBytes: 0 });
    entry.chunks++;
    entry.compressedBytes += num(chunk.compressedSize);
    entry.uncompressedBytes += num(chunk.uncompressedSize);
  }
  const channels = [...reader.channelsById.values()]
    .sort((a, b) => a.id - b.id)
    .map((c) => {
      const schema = reader.schemasById.get(c.schemaId);
      return {
        id: c.id,
        topic: c.topic,
        messageEncoding: c.messageEncoding,
        schemaName: schema?.name ?? "",
        schemaEncoding: schema?.encoding ?? "",
        messages: counts.get(c.id) ?? 0,
      };
    });
  const s = reader.statistics;
  const statistics = s === undefined ? null : {
    messageCount: num(s.messageCount),
    schemaCount: s.schemaCount,
    channelCount: s.channelCount,
    attachmentCount: s.attachmentCount,
    metadataCount: s.metadataCount,
    chunkCount: s.chunkCount,
    messageStartTime: s.messageStartTime.toString(),
    messageEndTime: s.messageEndTime.toString(),
    channelMessageCounts: Object.fromEntries([...s.channelMessageCounts].map(([k, v]) => [k, num(v)])),
  };
  return {
    profile: reader.header.profile,
    library: reader.header.library,
    messages,
    jsonErrors,
    channels,
    statistics,
    chunkIndexes: reader.chunkIndexes.length,
    compression,
    attachmentIndexes: reader.attachmentIndexes.length,
    metadataIndexes: reader.metadataIndexes.length,
    summaryCrcChecked: reader.footer.summaryCrc !== 0,
    dataSectionCrcOk,
  };
}

function linear(bytes) {
  const reader = new McapStreamReader({ decompressHandlers, validateCrcs: true });
  reader.append(bytes);
  const records = {};
  let record;
  while ((record = reader.nextRecord()) !== undefined) {
    records[record.type] = (records[record.type] ?? 0) + 1;
  }
  if (!reader.done()) {
    throw new Error("stream reader did not reach the trailing magic");
  }
  return records;
}

let failed = false;
for (const file of process.argv.slice(2)) {
  const line = { file };
  try {
    const bytes = new Uint8Array(await readFile(file));
    Object.assign(line, await indexed(bytes));
    line.linearRecords = linear(bytes);
    line.ok = line.dataSectionCrcOk !== false;
    if (!line.ok) {
      line.error = "data section CRC mismatch";
    }
  } catch (error) {
    line.ok = false;
    line.error = String(error?.message ?? error);
  }
  failed ||= !line.ok;
  process.stdout.write(JSON.stringify(line) + "\n");
}
process.exit(failed ? 1 : 0);
