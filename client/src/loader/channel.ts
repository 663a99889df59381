// The channel between the parent and the child: fd 3, a socket pair, carrying frames of a 4-byte big-endian
// length and a V8-serialized message (BigInt and Uint8Array survive). Not Node's IPC channel: plugin code in
// the child can write to fd 3, and Node's IPC reader throws an uncaught exception in the parent on a frame it
// cannot deserialize and buffers any length it is told. Here a bad frame is a ProtocolError the parent handles.
import { deserialize, serialize } from 'node:v8';

/** No message of the protocol comes near this; a larger frame is not from the child's own code. */
export const MAX_FRAME = 1024 * 1024;
/** The child's end of the channel. */
export const CHANNEL_FD = 3;

export class FrameError extends Error {}

export function encodeFrame(message: unknown): Buffer {
  const body = serialize(message);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(body.length);
  return Buffer.concat([head, body]);
}

/** Splits a byte stream into messages; `push` throws a FrameError on an oversized or unreadable frame. */
export class FrameReader {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): unknown[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const messages: unknown[] = [];
    while (this.pending.length >= 4) {
      const length = this.pending.readUInt32BE(0);
      if (length > MAX_FRAME) throw new FrameError(`a frame of ${length} bytes (at most ${MAX_FRAME})`);
      if (this.pending.length < 4 + length) break;
      const body = this.pending.subarray(4, 4 + length);
      this.pending = this.pending.subarray(4 + length);
      try {
        messages.push(deserialize(body));
      } catch {
        throw new FrameError('a frame that is not a serialized message');
      }
    }
    return messages;
  }
}
